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

export const metadata: Metadata = { title: "Preorders" };

export default async function PreordersPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const settings = await getSmsSettings(ctx.shop.id);
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
              <SendSmsThroughPanel shopId={ctx.shop.id} provider={settings.provider} plan={ctx.shop.plan} canWrite={ctx.canWrite} />
              {postscript ? <PostscriptSetupReminder shopId={ctx.shop.id} banner={postscript.banner} /> : null}
            </div>
            <div className="pt-6">
              <SmsTemplateEditor shopId={ctx.shop.id} kind="preorder" text={settings.templates.preorder} provider={settings.provider} canWrite={ctx.canWrite} />
            </div>
          </div>
        </Card>
        <EmptyState title="No preorders yet">
          Orders with preorder items will be listed here, with their expected shipping timeline.
        </EmptyState>
      </div>
    </>
  );
}
