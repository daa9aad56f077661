import type { Metadata } from "next";
import { PostscriptSetupReminder } from "@/components/sms-settings/postscript-setup-reminder";
import { SendSmsThroughPanel } from "@/components/sms-settings/send-sms-through-panel";
import { SmsTemplateEditor } from "@/components/sms-settings/sms-template-editor";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";

export const metadata: Metadata = { title: "Back in stock" };

export default async function BackInStockPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const settings = await getSmsSettings(ctx.shop.id);
  const postscript = settings.provider === "POSTSCRIPT" ? await getPostscriptConnection(ctx.shop.id) : null;
  return (
    <>
      <PageHeader
        title="Back in stock"
        description="Customers join a waitlist on your storefront and get one SMS the moment a variant is restocked, and a reminder a day later."
      />
      <div className="space-y-6">
        <Card title="Notifications" description="Who sends your back-in-stock SMS, and what they say.">
          <div className="divide-y divide-slate-100">
            <div className="space-y-4 pb-6">
              <SendSmsThroughPanel shopId={ctx.shop.id} provider={settings.provider} plan={ctx.shop.plan} canWrite={ctx.canWrite} />
              {postscript ? <PostscriptSetupReminder shopId={ctx.shop.id} banner={postscript.banner} /> : null}
            </div>
            {(["backInStock", "reminder"] as const).map((kind) => (
              <div key={kind} className="py-6 last:pb-0">
                <SmsTemplateEditor shopId={ctx.shop.id} kind={kind} text={settings.templates[kind]} provider={settings.provider} canWrite={ctx.canWrite} />
              </div>
            ))}
          </div>
        </Card>
        <EmptyState title="No waitlist signups yet">
          Customers waiting for a restock will be listed here, with the variant each one wants.
        </EmptyState>
      </div>
    </>
  );
}
