import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteUpsellStrategyButton } from "@/components/upsells/delete-upsell-strategy-button";
import { UpsellStrategyForm } from "@/components/upsells/upsell-strategy-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getUpsellIntegrations } from "@/lib/upsell/get-upsell-integrations";
import { getUpsellStrategy } from "@/lib/upsell/get-upsell-strategy";
import { listUpsellProducts } from "@/lib/upsell/list-upsell-products";

export const metadata: Metadata = { title: "Upsell strategy" };

export default async function UpsellStrategyPage({
  params,
}: {
  params: Promise<{ shopId: string; strategyId: string }>;
}) {
  const { shopId, strategyId } = await params;
  const ctx = await requireShop(shopId);
  const strategy = await getUpsellStrategy(ctx.shop.id, strategyId);
  if (!strategy) notFound();
  const [catalog, integrations] = await Promise.all([
    listUpsellProducts(ctx.shop.id),
    getUpsellIntegrations(ctx.shop.id),
  ]);
  return (
    <div className="max-w-4xl">
      <Link href={`/shops/${ctx.shop.id}/upsells`} className="text-sm font-medium text-brand-700 hover:text-brand-600">
        ← Upsell strategies
      </Link>
      <div className="mt-2">
        <PageHeader
          title={strategy.name}
          description={ctx.canWrite ? "Edit the upsell strategy." : "This upsell strategy, read-only."}
        />
      </div>
      <div className="space-y-6">
        <UpsellStrategyForm
          shopId={ctx.shop.id}
          currency={ctx.shop.currency}
          products={catalog.products}
          productsTruncated={catalog.truncated}
          integrations={integrations}
          strategy={strategy}
          canWrite={ctx.canWrite}
        />
        {ctx.canWrite ? (
          <Card
            title="Delete this strategy"
            description="To stop it for a while, disable it instead: it keeps its settings."
          >
            <DeleteUpsellStrategyButton shopId={ctx.shop.id} strategyId={strategy.id} name={strategy.name} />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
