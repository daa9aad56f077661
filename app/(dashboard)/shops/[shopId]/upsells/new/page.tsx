import type { Metadata } from "next";
import Link from "next/link";
import { UpsellStrategyForm } from "@/components/upsells/upsell-strategy-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getUpsellIntegrations } from "@/lib/upsell/get-upsell-integrations";
import { listUpsellProducts } from "@/lib/upsell/list-upsell-products";

export const metadata: Metadata = { title: "New upsell strategy" };

export default async function NewUpsellStrategyPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
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
          title="New upsell strategy"
          description="Which products to offer, at what discount, where, and which integrations hear about it."
        />
      </div>
      <UpsellStrategyForm
        shopId={ctx.shop.id}
        currency={ctx.shop.currency}
        products={catalog.products}
        productsTruncated={catalog.truncated}
        integrations={integrations}
        strategy={null}
        canWrite={ctx.canWrite}
      />
    </div>
  );
}
