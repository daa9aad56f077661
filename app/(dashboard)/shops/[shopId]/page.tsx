import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DiagnosticsCardLoading } from "@/components/diagnostics/diagnostics-card-loading";
import { DeliveryHealthBanner } from "@/components/diagnostics/delivery-health-banner";
import { DiagnosticsSection } from "@/components/diagnostics/diagnostics-section";
import { KeyStoppedNotice } from "@/components/diagnostics/key-stopped-notice";
import { PersonLookup } from "@/components/diagnostics/person-lookup";
import { StatusBanner } from "@/components/postscript/status-banner";
import { SetupProgressCard } from "@/components/setup/setup-progress-card";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDeliveryTotals } from "@/lib/activity/get-delivery-totals";
import { requireShop } from "@/lib/auth/require-shop";
import { LEDGER_COUNT_DAYS } from "@/lib/deliveries/ledger-count-days";
import { getDeliveryHealth } from "@/lib/diagnostics/get-delivery-health";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { getSetupProgress } from "@/lib/setup/get-setup-progress";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";
import { SMS_PROVIDERS } from "@/lib/sms-settings/sms-providers";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const [view, progress, health, { delivered, failed, heldForPostscript: held }, sms] = await Promise.all([
    getPostscriptConnection(ctx.shop.id),
    getSetupProgress(ctx.shop.id),
    getDeliveryHealth(ctx.shop.id),
    getDeliveryTotals(ctx.shop.id),
    getSmsSettings(ctx.shop.id),
  ]);
  const base = `/shops/${ctx.shop.id}`;
  const keyStopped = view.hasKey && view.enabled && view.verification !== "VERIFIED";
  // "Connected" is about the key; when sends fail or wait, the same line must not stay green.
  const worst = health?.items.find((i) => i.tone !== "info");
  const trouble = worst ? worst.title.charAt(0).toLowerCase() + worst.title.slice(1) : null;
  return (
    <>
      <PageHeader
        title="Overview"
        description={`${ctx.shop.name} sends its texts through ${SMS_PROVIDERS[sms.provider].label}. Postscript's connection and setup are below.`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {keyStopped ? (
            <KeyStoppedNotice
              shopId={ctx.shop.id}
              keyLast4={view.keyLast4}
              verification={view.verification === "INVALID" ? "INVALID" : "UNVERIFIED"}
              since={view.lastCheckedAt}
              timeZone={ctx.shop.timeZone}
              held={held}
            />
          ) : (
            <StatusBanner
              banner={
                trouble && view.banner.tone === "success"
                  ? {
                      ...view.banner,
                      tone: "warning",
                      detail: `Your key works, but not every text is going out: ${trouble}.`,
                    }
                  : view.banner.status === "not_configured" && sms.provider !== "POSTSCRIPT"
                    ? {
                        ...view.banner,
                        // Texts do not wait for Postscript here: a missing key is a choice, not an alarm.
                        tone: "neutral",
                        title: "Postscript: API key not configured",
                        detail: `Back-in-stock and preorder texts go out through ${SMS_PROVIDERS[sms.provider].label} without it. Connect Postscript to send order-editing and upsell events to your Postscript flows.`,
                      }
                    : view.banner
              }
            />
          )}
          {health ? <DeliveryHealthBanner health={health} /> : null}
          <SetupProgressCard shopId={ctx.shop.id} progress={progress} />
          <Suspense fallback={<DiagnosticsCardLoading />}>
            <DiagnosticsSection shopId={ctx.shop.id} setupProgress={progress} />
          </Suspense>
          <PersonLookup shopId={ctx.shop.id} />
        </div>
        <div>
          <Card title="Events sent" description={`Last ${LEDGER_COUNT_DAYS} days`} className="lg:sticky lg:top-6">
            <dl className="grid grid-cols-2 gap-4 text-sm">
              <div>
                <dt className="text-slate-500">Delivered</dt>
                <dd className="text-2xl font-semibold text-slate-900">{delivered}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Failed</dt>
                <dd className={`text-2xl font-semibold ${failed ? "text-red-700" : "text-slate-900"}`}>{failed}</dd>
              </div>
            </dl>
            <Link
              href={`${base}/activity`}
              className="mt-4 inline-block text-sm font-medium text-brand-600 hover:text-brand-700"
            >
              View activity →
            </Link>
          </Card>
        </div>
      </div>
    </>
  );
}
