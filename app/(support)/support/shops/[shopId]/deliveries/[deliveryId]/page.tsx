import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { FlowTime } from "@/components/setup/flow-time";
import { AuditList } from "@/components/support/audit-list";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-status-badge";
import { RefreshWhilePending } from "@/components/support/refresh-while-pending";
import { ReplayDeliveryButton } from "@/components/support/replay-delivery-button";
import { RevealRecipient } from "@/components/support/reveal-recipient";
import { Card } from "@/components/ui/card";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";
import { getSupportShopHeader } from "@/lib/support/get-support-shop-header";
import { getLedgerDelivery } from "@/lib/support/get-ledger-delivery";
import { listAuditEntries } from "@/lib/support/list-audit-entries";

export const metadata: Metadata = { title: "Support · Delivery" };

const PROVIDER = { POSTSCRIPT: "Postscript", KLAVIYO: "Klaviyo", BUILT_IN: "Built-in SMS" } as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function SupportDeliveryPage({
  params,
}: {
  params: Promise<{ shopId: string; deliveryId: string }>;
}) {
  await requireSupportAgent();
  const { shopId, deliveryId } = await params;
  // Moments as the merchant sees them (the layout already refused an unknown shop).
  const timeZone = (await getSupportShopHeader(shopId))?.timeZone ?? "UTC";
  const [d, audit] = await Promise.all([
    getLedgerDelivery(shopId, deliveryId),
    listAuditEntries(shopId, { deliveryId, take: 20 }),
  ]);
  if (!d) notFound();
  const inFlight = d.status === "PENDING" || d.status === "SENDING" || d.status === "RETRYING";
  // Poll only while the outcome is imminent (due within a minute, or just became due); a held row would never end.
  // A server component renders once per request: reading the clock here is the point, not an impurity.
  // eslint-disable-next-line react-hooks/purity
  const soon = d.nextAttemptAt ? Math.abs(Date.parse(d.nextAttemptAt) - Date.now()) < 120_000 : false;
  return (
    <div className="space-y-6">
      <RefreshWhilePending pending={inFlight && soon} />
      <Link
        href={`/support/shops/${shopId}/deliveries`}
        className="text-sm font-medium text-brand-600 hover:text-brand-700"
      >
        ← Delivery ledger
      </Link>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          className="lg:col-span-2"
          title={
            <span className="flex flex-wrap items-center gap-2">
              {d.eventName} <span className="font-mono text-xs font-normal text-slate-500">{d.eventType}</span>
            </span>
          }
          actions={
            <span data-testid="delivery-status">
              <DeliveryStatusBadge status={d.status} />
            </span>
          }
        >
          <dl className="divide-y divide-slate-100">
            <Row label="Recipient">
              <RevealRecipient shopId={shopId} deliveryId={d.id} masked={d.recipient} canReveal={d.canReveal} />
            </Row>
            <Row label="Through">{PROVIDER[d.provider]}</Row>
            <Row label="Attempts">
              {d.attempts}
              {d.lastAttemptAt ? (
                <span className="text-slate-500">
                  {" "}
                  · last <FlowTime iso={d.lastAttemptAt} timeZone={timeZone} />
                </span>
              ) : null}
            </Row>
            <Row label="Created">
              <FlowTime iso={d.createdAt} timeZone={timeZone} />
            </Row>
            {d.deliveredAt ? (
              <Row label="Delivered">
                <FlowTime iso={d.deliveredAt} timeZone={timeZone} />
              </Row>
            ) : null}
            {inFlight && d.nextAttemptAt ? (
              <Row label="Next attempt">
                <FlowTime iso={d.nextAttemptAt} timeZone={timeZone} />
              </Row>
            ) : null}
            {d.skipReason ? <Row label="Skipped because">{d.skipReason}</Row> : null}
            {d.error ? (
              <Row label={d.status === "DELIVERED" ? "Note" : "Error"}>
                <span className={d.status === "FAILED" ? "text-red-700" : ""}>{d.error}</span>
              </Row>
            ) : null}
            <Row label={`${PROVIDER[d.provider]}'s answer`}>
              {d.responseStatus || d.responseBody ? (
                <code className="block whitespace-pre-wrap break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800">
                  {d.responseStatus ? `HTTP ${d.responseStatus}` : ""}
                  {d.responseBody ? ` ${d.responseBody}` : ""}
                </code>
              ) : (
                <span className="text-slate-500">none recorded</span>
              )}
            </Row>
            <Row label="Idempotency key">
              <code className="break-all font-mono text-xs">{d.idempotencyKey}</code>
            </Row>
            {d.cause.map((c) => (
              <Row key={c.label} label={c.label}>
                {c.detail}
              </Row>
            ))}
          </dl>
        </Card>
        <div className="space-y-6">
          <Card title="Replay">
            {d.replayable ? (
              <ReplayDeliveryButton shopId={shopId} deliveryId={d.id} unconfirmed={d.status === "UNCONFIRMED"} />
            ) : (
              <p className="text-sm text-slate-600">
                {d.status === "DELIVERED"
                  ? "Delivered: a delivered event is never sent again."
                  : d.status === "SKIPPED"
                    ? "Skipped on purpose; fix the reason rather than replaying it."
                    : "On its way: it is sent automatically."}
              </p>
            )}
          </Card>
          <Card title="Audit entries">
            <AuditList timeZone={timeZone} entries={audit} empty="No support action on this event yet." />
          </Card>
        </div>
      </div>
      <Card title="Properties sent" description="Contact details are masked.">
        {d.properties.length ? (
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
            {d.properties.map((p) => (
              <div key={p.name} className="min-w-0">
                <dt className="font-mono text-xs text-slate-500">{p.name}</dt>
                <dd className="truncate text-sm text-slate-900" title={p.value}>
                  {p.value || <span className="text-slate-500">empty</span>}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-slate-600">No properties.</p>
        )}
      </Card>
    </div>
  );
}
