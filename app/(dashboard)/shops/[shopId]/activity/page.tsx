import type { Metadata } from "next";
import Link from "next/link";
import { ResendUnconfirmedButton } from "@/components/activity/resend-unconfirmed-button";
import { LedgerTable } from "@/components/deliveries/ledger-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { listSendingPauses } from "@/lib/deliveries/list-sending-pauses";
import { formatShopTime } from "@/lib/format/format-shop-time";
import { listDeliveries, type ActivityFilter } from "@/lib/deliveries/list-deliveries";
import { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { EVENT_CATALOG } from "@/lib/setup/event-catalog";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";

export const metadata: Metadata = { title: "Activity" };

const EVENT_TYPES = ["integration_connected", ...EVENT_CATALOG.map((e) => e.type)];

type Search = {
  type?: string | string[];
  status?: string | string[];
  recipient?: string | string[];
  before?: string | string[];
};
// What an empty Activity page says comes next, by the provider the shop sends through.
const EMPTY = {
  BUILT_IN: {
    title: "No texts yet",
    text: "Each text Built-in SMS sends (back-in-stock alerts, preorder confirmations) appears here with its status and the carrier's answer. Order-editing events appear once Postscript or Klaviyo is connected.",
    href: "/back-in-stock",
    link: "Go to Back in stock",
  },
  KLAVIYO: {
    title: "No events yet",
    text: "Once Klaviyo is connected, each event appears here with its status and Klaviyo's answer.",
    href: "/integrations",
    link: "Go to Integrations",
  },
  POSTSCRIPT: {
    title: "No events yet",
    text: "Once Postscript is connected, each event (starting with “Integration Connected”) appears here with its status and Postscript's answer.",
    href: "/postscript",
    link: "Go to Postscript setup",
  },
} as const;

const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ shopId: string }>;
  searchParams: Promise<Search>;
}) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const search = await searchParams;
  const before = one(search.before) ? new Date(one(search.before)!) : undefined;
  const filter: ActivityFilter = {
    eventType: EVENT_TYPES.find((t) => t === one(search.type)),
    status: Object.values(DeliveryStatus).find((s) => s === one(search.status)),
    recipient: one(search.recipient),
    before: before && !Number.isNaN(before.getTime()) ? before : undefined,
  };
  const [rows, pauses, sms] = await Promise.all([
    listDeliveries(ctx.shop.id, filter),
    listSendingPauses(ctx.shop.id),
    getSmsSettings(ctx.shop.id),
  ]);
  const filtered = Boolean(filter.eventType || filter.status || filter.recipient || filter.before);
  const base = `/shops/${ctx.shop.id}/activity`;
  const older = new URLSearchParams({
    ...(filter.eventType ? { type: filter.eventType } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.recipient ? { recipient: filter.recipient } : {}),
    before: rows.at(-1)?.createdAt ?? "",
  });
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every event and text Signalboard sent or skipped for this shop, newest first, with the answer of the service that carried it."
      />
      {pauses.length ? (
        <ul
          className="mb-4 space-y-1 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
          data-testid="sending-pauses"
        >
          {pauses.map((p) => (
            <li key={p.id}>
              <strong>{p.resumedAt ? "Sending was paused" : "Sending is paused"}</strong> ({p.provider.toLowerCase()})
              from {formatShopTime(p.pausedAt, ctx.shop.timeZone)}
              {p.resumedAt ? ` until ${formatShopTime(p.resumedAt, ctx.shop.timeZone)} (resumed by itself)` : ""}:{" "}
              {p.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <form role="search" action={base} className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="activity-type" className="block text-xs font-medium text-slate-600">
            Event type
          </label>
          <select
            id="activity-type"
            name="type"
            defaultValue={filter.eventType ?? ""}
            className="mt-1 rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
          >
            <option value="">All events</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="activity-status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <select
            id="activity-status"
            name="status"
            defaultValue={filter.status ?? ""}
            className="mt-1 rounded-md border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
          >
            <option value="">Any status</option>
            {Object.values(DeliveryStatus).map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="activity-recipient" className="block text-xs font-medium text-slate-600">
            Customer phone or email
          </label>
          <input
            id="activity-recipient"
            name="recipient"
            defaultValue={filter.recipient}
            className="mt-1 w-56 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        </div>
        <button
          type="submit"
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Filter
        </button>
        {filtered ? (
          <Link href={base} className="py-1.5 text-sm text-brand-600">
            Clear
          </Link>
        ) : null}
      </form>
      {rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No events match">Try another event type, status or customer.</EmptyState>
        ) : (
          <EmptyState
            title={EMPTY[sms.provider].title}
            action={
              <Link
                className="text-sm font-medium text-brand-600"
                href={`/shops/${ctx.shop.id}${EMPTY[sms.provider].href}`}
              >
                {EMPTY[sms.provider].link} →
              </Link>
            }
          >
            {EMPTY[sms.provider].text}
          </EmptyState>
        )
      ) : (
        <LedgerTable
          rows={rows}
          timeZone={ctx.shop.timeZone}
          olderHref={`${base}?${older.toString()}`}
          statusAction={(r) =>
            r.kind === "event" && r.status === "UNCONFIRMED" && ctx.canWrite ? (
              <ResendUnconfirmedButton shopId={ctx.shop.id} deliveryId={r.id} />
            ) : null
          }
        />
      )}
    </>
  );
}
