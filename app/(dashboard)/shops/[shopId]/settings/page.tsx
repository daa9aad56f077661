import type { Metadata } from "next";
import { PlanCard } from "@/components/billing/plan-card";
import { CatalogSyncCard } from "@/components/settings/catalog-sync-card";
import { PlanBadge } from "@/components/dashboard/plan-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { PLANS } from "@/lib/billing/plans";
import { getCatalogSyncView } from "@/lib/catalog/get-catalog-sync-view";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const { shop, role, user, canWrite } = await requireShop(shopId);
  const rows: [string, React.ReactNode][] = [
    ["Store name", shop.name],
    ["Shopify domain", shop.domain],
    ["Plan", <PlanBadge key="plan" plan={shop.plan} />],
    ["Currency", shop.currency],
    ["Time zone", shop.timeZone],
    ["Your role", role === "SUPPORT_AGENT" ? "Support agent (read-only)" : role === "OWNER" ? "Owner" : "Staff"],
    ["Signed in as", user.email],
  ];
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your store as Shopify reports it. Store details update when Shopify tells us they changed."
      />
      <Card title="Store">
        <dl className="divide-y divide-slate-100 text-sm">
          {rows.map(([label, value]) => (
            <div key={label} className="grid grid-cols-3 gap-4 py-3">
              <dt className="text-slate-500">{label}</dt>
              <dd className="col-span-2 text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <div id="catalog" className="mt-6">
        <Card
          title="Catalog and locations"
          description="Products, variants and stock read from Shopify; webhooks keep them current and a nightly check heals what they missed."
        >
          <CatalogSyncCard
            shopId={shop.id}
            initial={await getCatalogSyncView(shop.id)}
            canWrite={canWrite}
            timeZone={shop.timeZone}
          />
        </Card>
      </div>
      <div id="plan" className="mt-6">
        <Card title="Plan">
          <PlanCard shopId={shop.id} plan={shop.plan} paid={PLANS.PAID} canWrite={canWrite} />
        </Card>
      </div>
    </>
  );
}
