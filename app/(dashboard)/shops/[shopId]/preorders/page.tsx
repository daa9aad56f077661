import type { Metadata } from "next";
import { VariantPreorderRow } from "@/components/preorders/variant-preorder-row";
import { PostscriptSetupReminder } from "@/components/sms-settings/postscript-setup-reminder";
import { SendSmsThroughPanel } from "@/components/sms-settings/send-sms-through-panel";
import { SmsTemplateEditor } from "@/components/sms-settings/sms-template-editor";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { listCatalogVariants } from "@/lib/catalog/list-catalog-variants";
import { listDeliveries } from "@/lib/deliveries/list-deliveries";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";

export const metadata: Metadata = { title: "Preorders" };

export default async function PreordersPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const [settings, variants, confirmations] = await Promise.all([
    getSmsSettings(ctx.shop.id),
    listCatalogVariants(ctx.shop.id),
    listDeliveries(ctx.shop.id, { eventType: "preorder_sms_confirmed" }),
  ]);
  const postscript = settings.provider === "POSTSCRIPT" ? await getPostscriptConnection(ctx.shop.id) : null;
  return (
    <>
      <PageHeader
        title="Preorders"
        description="Customers who order a preorder item get a confirmation SMS with the expected shipping timeline."
      />
      <div className="space-y-6">
        <Card title="Notifications" description="Who sends your preorder confirmation SMS, and what it says.">
          <div className="divide-y divide-slate-100">
            <div className="space-y-4 pb-6">
              <SendSmsThroughPanel
                shopId={ctx.shop.id}
                provider={settings.provider}
                plan={ctx.shop.plan}
                canWrite={ctx.canWrite}
              />
              {postscript ? <PostscriptSetupReminder shopId={ctx.shop.id} banner={postscript.banner} /> : null}
            </div>
            <div className="pt-6">
              <SmsTemplateEditor
                shopId={ctx.shop.id}
                kind="preorder"
                text={settings.templates.preorder}
                provider={settings.provider}
                canWrite={ctx.canWrite}
              />
            </div>
          </div>
        </Card>
        <Card
          title="Preorder products"
          description="Orders containing a variant marked as preorder get the preorder confirmation SMS."
        >
          {variants.length === 0 ? (
            <EmptyState title="No products yet">
              Your catalog appears here as soon as Shopify sends it (products/update).
            </EmptyState>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      Variant
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Sold as
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Shipping timeline
                    </th>
                    <th scope="col" className="px-4 py-2">
                      <span className="sr-only">Save</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {variants.map((v) => (
                    <VariantPreorderRow key={v.id} shopId={ctx.shop.id} variant={v} canWrite={ctx.canWrite} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title="Recent preorder confirmations">
          {confirmations.length === 0 ? (
            <p className="text-sm text-slate-600">
              No preorder confirmations yet. They appear here, and in Activity, when an order with a preorder item
              arrives.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {confirmations.slice(0, 20).map((c) => (
                <li key={c.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span className="text-slate-800">{c.recipient}</span>
                  <span className="text-slate-600">
                    {c.status.toLowerCase()}
                    {c.answer ? ` · ${c.answer}` : ""} · {formatShopTime(c.createdAt, ctx.shop.timeZone)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
