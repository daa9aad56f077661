import type { Metadata } from "next";
import { RecentRestocks } from "@/components/back-in-stock/recent-restocks";
import { RestockSettingsForm } from "@/components/back-in-stock/restock-settings-form";
import { WAITLIST_PAGE_SIZE, WaitlistReport } from "@/components/back-in-stock/waitlist-report";
import { PostscriptSetupReminder } from "@/components/sms-settings/postscript-setup-reminder";
import { TwilioConnectionPanel } from "@/components/integrations/twilio-connection-panel";
import { BuiltInSmsPanel } from "@/components/sms-settings/built-in-sms-panel";
import { SendSmsThroughPanel } from "@/components/sms-settings/send-sms-through-panel";
import { SmsTemplateEditor } from "@/components/sms-settings/sms-template-editor";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getBackInStockSettings } from "@/lib/restock/get-back-in-stock-settings";
import { listRecentRestocks } from "@/lib/back-in-stock/list-recent-restocks";
import { listWaitlist, type WaitlistFilter } from "@/lib/back-in-stock/list-waitlist";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";
import { getTwilioConnection } from "@/lib/twilio-connection/get-twilio-connection";
import { smsUsageView } from "@/lib/twilio/sms-usage";

export const metadata: Metadata = { title: "Back in stock" };

const STATUSES = ["all", "waiting", "notified", "purchased"] as const;

export default async function BackInStockPage({
  params,
  searchParams,
}: {
  params: Promise<{ shopId: string }>;
  searchParams: Promise<{ q?: string | string[]; status?: string | string[]; page?: string | string[] }>;
}) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const query = await searchParams;
  const filter: WaitlistFilter = {
    q: typeof query.q === "string" ? query.q : undefined,
    status: STATUSES.find((s) => s === query.status) ?? "all",
  };
  const [settings, rules, waitlist, restocks] = await Promise.all([
    getSmsSettings(ctx.shop.id),
    getBackInStockSettings(ctx.shop.id),
    listWaitlist(ctx.shop.id, filter),
    listRecentRestocks(ctx.shop.id),
  ]);
  const postscript = settings.provider === "POSTSCRIPT" ? await getPostscriptConnection(ctx.shop.id) : null;
  const twilio = settings.provider === "BUILT_IN" ? await getTwilioConnection(ctx.shop.id) : null;
  return (
    <>
      <PageHeader
        title="Back in stock"
        description="Customers join a waitlist on your storefront and get one SMS the moment a variant is restocked, and a reminder a day later."
      />
      <div className="space-y-6">
        <Card
          title="Current waitlist"
          description={`Every variant customers are waiting for, most waiting first, ${WAITLIST_PAGE_SIZE} to a page. Send texts a variant's waiting customers now.`}
          actions={
            // Always there, as the README's walkthrough says: a demo shop's waitlist is never empty. A new tab: the
            // storefront is another site, and is never shown inside Shopify's admin.
            <a
              href={`/storefront-preview/${ctx.shop.domain}`}
              target="_blank"
              rel="noreferrer"
              className="whitespace-nowrap text-sm font-medium text-brand-600 hover:text-brand-700"
            >
              Storefront preview →<span className="sr-only"> (opens in a new tab)</span>
            </a>
          }
        >
          <WaitlistReport
            shopId={ctx.shop.id}
            rows={waitlist}
            filter={filter}
            page={typeof query.page === "string" ? Number.parseInt(query.page, 10) || 1 : 1}
            canWrite={ctx.canWrite}
            storefrontHref={`/storefront-preview/${ctx.shop.domain}`}
          />
        </Card>
        <Card title="Recent restocks" description="Each restock's send: sent, retrying, failed and total, live.">
          <RecentRestocks shopId={ctx.shop.id} restocks={restocks} timeZone={ctx.shop.timeZone} />
        </Card>
        <Card title="Notifications" description="Who sends your back-in-stock SMS, and what they say.">
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
            {twilio ? (
              <div className="py-6">
                <BuiltInSmsPanel
                  shopId={ctx.shop.id}
                  settings={settings.builtIn}
                  usage={await smsUsageView(ctx.shop.id, ctx.shop.plan)}
                  ownAccount={twilio.connected}
                  account={
                    <TwilioConnectionPanel
                      shopId={ctx.shop.id}
                      canWrite={ctx.canWrite}
                      view={{
                        ...twilio,
                        lastVerified: twilio.lastVerifiedAt
                          ? formatShopTime(twilio.lastVerifiedAt, ctx.shop.timeZone)
                          : null,
                      }}
                    />
                  }
                  canWrite={ctx.canWrite}
                />
              </div>
            ) : null}
            {(["backInStock", "reminder"] as const).map((kind) => (
              <div key={kind} className="py-6 last:pb-0">
                <SmsTemplateEditor
                  shopId={ctx.shop.id}
                  kind={kind}
                  text={settings.templates[kind]}
                  provider={settings.provider}
                  canWrite={ctx.canWrite}
                />
              </div>
            ))}
          </div>
        </Card>
        <Card title="Restock rules">
          <RestockSettingsForm shopId={ctx.shop.id} settings={rules} canWrite={ctx.canWrite} />
        </Card>
      </div>
    </>
  );
}
