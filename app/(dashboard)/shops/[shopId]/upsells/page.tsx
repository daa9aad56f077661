import type { Metadata } from "next";
import Link from "next/link";
import { UpsellStrategyList } from "@/components/upsells/upsell-strategy-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getUpsellIntegrations } from "@/lib/upsell/get-upsell-integrations";
import { listUpsellStrategies } from "@/lib/upsell/list-upsell-strategies";

export const metadata: Metadata = { title: "Upsell strategies" };

const createClass =
  "inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700";

export default async function UpsellsPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const [strategies, integrations] = await Promise.all([
    listUpsellStrategies(ctx.shop.id),
    getUpsellIntegrations(ctx.shop.id),
  ]);
  const createLink = (
    <Link href={`/shops/${ctx.shop.id}/upsells/new`} className={createClass}>
      Create strategy
    </Link>
  );

  return (
    <>
      <PageHeader
        title="Upsell strategies"
        description="Offer products while customers edit their order, or nudge new orders from the Order Status page, and choose which integrations (Postscript, Klaviyo or both) hear about it."
        actions={ctx.canWrite && strategies.length > 0 ? createLink : undefined}
      />
      {strategies.length === 0 ? (
        <EmptyState title="No upsell strategies yet" action={ctx.canWrite ? createLink : undefined}>
          {ctx.canWrite
            ? "Create a strategy to choose which products to offer, the discount, and where it fires. Upsell events only fire for strategies where Postscript is selected in Advanced settings."
            : "This shop hasn't created any upsell strategies."}
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-600">
            Strategies are tried in this order (oldest first); the first enabled one with something to offer fires.
          </p>
          <UpsellStrategyList
            shopId={ctx.shop.id}
            currency={ctx.shop.currency}
            strategies={strategies}
            integrations={integrations}
            canWrite={ctx.canWrite}
          />
        </div>
      )}
    </>
  );
}
