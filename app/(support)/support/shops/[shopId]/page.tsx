import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { RecentRestocks } from "@/components/back-in-stock/recent-restocks";
import { DiagnosticsCardLoading } from "@/components/diagnostics/diagnostics-card-loading";
import { DiagnosticsSection } from "@/components/diagnostics/diagnostics-section";
import { PersonLookup } from "@/components/diagnostics/person-lookup";
import { StatusBanner } from "@/components/postscript/status-banner";
import { FlowTime } from "@/components/setup/flow-time";
import { AuditList } from "@/components/support/audit-list";
import { FailedWebhooks } from "@/components/support/failed-webhooks";
import { FlowsTable } from "@/components/support/flows-table";
import { ReverifyKeyButton } from "@/components/support/reverify-key-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CheckMark } from "@/components/ui/check-mark";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";
import { runDiagnostics } from "@/lib/diagnostics/run-diagnostics";
import { LEDGER_COUNT_DAYS } from "@/lib/deliveries/ledger-count-days";
import { getSupportShop } from "@/lib/support/get-support-shop";
import { listAuditEntries } from "@/lib/support/list-audit-entries";
import { listFailedWebhooks } from "@/lib/support/list-failed-webhooks";

export const metadata: Metadata = { title: "Support · Shop" };

const PROVIDER = { BUILT_IN: "Built-in SMS", KLAVIYO: "Klaviyo", POSTSCRIPT: "Postscript" } as const;
const KLAVIYO_TONE = {
  connected: "success",
  not_configured: "neutral",
  unverified: "warning",
  invalid: "danger",
  disabled: "neutral",
} as const;

function Field({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const never = <span className="text-slate-500">never</span>;

export default async function SupportShopPage({ params }: { params: Promise<{ shopId: string }> }) {
  await requireSupportAgent();
  const { shopId } = await params;
  const shopView = getSupportShop(shopId);
  // The diagnostics start now, beside the shop's data, and take its setup checkmarks once they are read: not after.
  const diagnostics = runDiagnostics(shopId, { setupProgress: shopView.then((v) => v?.setup) });
  // Awaited by the diagnostics card below; a page that ends early (no such shop) must not leave it unhandled.
  diagnostics.catch(() => undefined);
  const [view, history, failedWebhooks] = await Promise.all([
    shopView,
    listAuditEntries(shopId, { prefixes: ["postscript.", "key_health.", "support.key_reverified"], take: 20 }),
    listFailedWebhooks(shopId),
  ]);
  if (!view) notFound();
  const ps = view.postscript;
  const canSendTests = !ps.hasKey
    ? "No key is saved."
    : !ps.enabled
      ? "The integration is disabled."
      : ps.verification !== "VERIFIED"
        ? "The key is not verified: re-verify it first."
        : null;
  const base = `/support/shops/${view.shop.id}`;
  const ledgerTotal = Object.values(view.ledger).reduce((a, b) => a + b, 0);

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title="Postscript connection"
          className="lg:col-span-2"
          actions={<ReverifyKeyButton shopId={view.shop.id} hasKey={ps.hasKey} />}
        >
          <div className="space-y-4">
            <StatusBanner banner={ps.banner} />
            <dl className="grid gap-4 sm:grid-cols-3">
              <Field label="Key">
                {ps.keyLast4 ? (
                  <span className="font-mono" data-testid="key-last4">
                    ••••{ps.keyLast4}
                  </span>
                ) : (
                  "none saved"
                )}
              </Field>
              <Field label="Account">{ps.accountName ?? "—"}</Field>
              <Field label="Enabled">{ps.hasKey ? (ps.enabled ? "yes" : "no") : "—"}</Field>
              <Field label="Verified at">
                {ps.lastVerifiedAt ? <FlowTime iso={ps.lastVerifiedAt} timeZone={view.shop.timeZone} /> : never}
              </Field>
              <Field label="Last checked">
                {ps.lastCheckedAt ? <FlowTime iso={ps.lastCheckedAt} timeZone={view.shop.timeZone} /> : never}
              </Field>
              <Field label="Keyword">{ps.keywordName ?? <span className="text-slate-500">none chosen</span>}</Field>
              <Field label="Last error" className="sm:col-span-3">
                {ps.lastError ?? <span className="text-slate-500">none</span>}
              </Field>
            </dl>
          </div>
        </Card>
        <Card title="Sending">
          <dl className="space-y-3">
            <Field label="Plan">{view.shop.plan === "PAID" ? "Paid" : "Free"}</Field>
            <Field label="Back-in-stock & preorder SMS through">{PROVIDER[view.provider]}</Field>
            <Field label="Klaviyo">
              <Badge tone={KLAVIYO_TONE[view.klaviyo.status]}>{view.klaviyo.status.replace("_", " ")}</Badge>
              {view.klaviyo.keyLast4 ? (
                <span className="ml-2 font-mono text-xs">••••{view.klaviyo.keyLast4}</span>
              ) : null}
              {view.klaviyo.lastError ? <p className="mt-1 text-xs text-red-700">{view.klaviyo.lastError}</p> : null}
            </Field>
            <Field label="Waitlist">
              <span data-testid="waitlist-size">{view.waitlist.byStatus.WAITING.toLocaleString("en-US")} waiting</span>
              <span className="text-slate-500">
                {" "}
                · {view.waitlist.byStatus.NOTIFIED} alerted · {view.waitlist.byStatus.PURCHASED} bought
              </span>
              {view.waitlist.bySync.FAILED || view.waitlist.bySync.PENDING ? (
                <p className="mt-1 text-xs text-amber-800">
                  Postscript sync: {view.waitlist.bySync.FAILED} failed, {view.waitlist.bySync.PENDING} pending
                </p>
              ) : null}
            </Field>
          </dl>
        </Card>
      </div>

      <Suspense fallback={<DiagnosticsCardLoading />}>
        <DiagnosticsSection shopId={view.shop.id} started={diagnostics} />
      </Suspense>

      <PersonLookup shopId={view.shop.id} />

      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          title="Setup steps"
          description={`${view.setup.completed} of ${view.setup.steps.length} with a green checkmark, each computed from evidence.`}
        >
          <ol className="space-y-3">
            {view.setup.steps.map((s) => (
              <li key={s.key} className="flex gap-3">
                <CheckMark done={s.done} step={s.number} />
                <div>
                  <p className="text-sm font-medium text-slate-900">{s.title}</p>
                  <p className="text-xs text-slate-600">{s.detail}</p>
                </div>
              </li>
            ))}
          </ol>
        </Card>
        <Card
          title="Delivery ledger"
          description={`Last ${LEDGER_COUNT_DAYS} days`}
          actions={
            <Link href={`${base}/deliveries`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
              Open ledger →
            </Link>
          }
        >
          <dl className="grid grid-cols-3 gap-4">
            {(["DELIVERED", "UNCONFIRMED", "FAILED", "SKIPPED", "PENDING", "RETRYING", "SENDING"] as const).map(
              (status) => (
                <div key={status}>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{status.toLowerCase()}</dt>
                  <dd
                    className={`text-xl font-semibold ${status === "FAILED" && view.ledger.FAILED ? "text-red-700" : "text-slate-900"}`}
                  >
                    {status === "FAILED" && view.ledger.FAILED ? (
                      <Link
                        href={`${base}/deliveries?status=FAILED`}
                        className="underline decoration-red-300 underline-offset-4"
                      >
                        {view.ledger.FAILED}
                      </Link>
                    ) : (
                      view.ledger[status].toLocaleString("en-US")
                    )}
                  </dd>
                </div>
              ),
            )}
          </dl>
          <p className="mt-3 text-xs text-slate-500">
            {ledgerTotal.toLocaleString("en-US")} events changed in the last {LEDGER_COUNT_DAYS} days.
          </p>
        </Card>
      </div>

      <Card
        title="Flows and test events"
        description="Per event type: the last test event (which registers the trigger in Postscript) and whether the merchant confirmed the flow."
      >
        <FlowsTable shopId={view.shop.id} flows={view.flows} canSend={canSendTests} timeZone={view.shop.timeZone} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Upsell strategies" description="Which integrations hear about each strategy's offers.">
          {view.strategies.length === 0 ? (
            <p className="text-sm text-slate-600">No upsell strategies.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {view.strategies.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 first:pt-0 last:pb-0">
                  <div>
                    <p className="text-sm font-medium text-slate-900">{s.name}</p>
                    <p className="text-xs text-slate-500">
                      {s.placement === "DURING_EDITING" ? "During order editing" : "Order Status page"} · {s.discount}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-1">
                    {s.enabled ? null : <Badge tone="neutral">disabled</Badge>}
                    <Badge tone={s.notifyPostscript ? "success" : "warning"}>
                      Postscript {s.notifyPostscript ? "on" : "off"}
                    </Badge>
                    <Badge tone={s.notifyKlaviyo ? "success" : "neutral"}>
                      Klaviyo {s.notifyKlaviyo ? "on" : "off"}
                    </Badge>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card
          title="Postscript history"
          description="Connection changes, verifications and automatic key checks, newest first."
        >
          <AuditList entries={history} empty="Nothing recorded yet." timeZone={view.shop.timeZone} />
        </Card>
      </div>

      <Card
        title="Failed Shopify webhooks"
        description="Stock, product and order updates that failed after every retry, with why. Replay one once its cause is fixed."
      >
        <FailedWebhooks shopId={view.shop.id} webhooks={failedWebhooks} timeZone={view.shop.timeZone} />
      </Card>

      <Card title="Recent restocks">
        <RecentRestocks shopId={view.shop.id} restocks={view.restocks} timeZone={view.shop.timeZone} />
      </Card>
    </div>
  );
}
