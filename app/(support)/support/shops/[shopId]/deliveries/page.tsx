import type { Metadata } from "next";
import Link from "next/link";
import { LedgerTable } from "@/components/deliveries/ledger-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requireSupportAgent } from "@/lib/auth/require-support-agent";
import { getSupportShopHeader } from "@/lib/support/get-support-shop-header";
import { listDeliveries, type ActivityFilter } from "@/lib/deliveries/list-deliveries";
import { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { EVENT_CATALOG } from "@/lib/setup/event-catalog";
import { maskText } from "@/lib/support/mask-text";
import { searchLedgerRecipient } from "@/lib/support/search-ledger-recipient";

export const metadata: Metadata = { title: "Support · Delivery ledger" };

const EVENT_TYPES = ["integration_connected", ...EVENT_CATALOG.map((e) => e.type)];
type Search = {
  type?: string | string[];
  status?: string | string[];
  recipient?: string | string[];
  before?: string | string[];
};
const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

export default async function SupportLedgerPage({
  params,
  searchParams,
}: {
  params: Promise<{ shopId: string }>;
  searchParams: Promise<Search>;
}) {
  const agent = await requireSupportAgent();
  const { shopId } = await params;
  // Moments as the merchant sees them (the layout already refused an unknown shop).
  const timeZone = (await getSupportShopHeader(shopId))?.timeZone ?? "UTC";
  const search = await searchParams;
  const before = one(search.before) ? new Date(one(search.before)!) : undefined;
  const typed = one(search.recipient);
  // A whole phone or email only, each search audited: partial searches could rebuild a masked number.
  const recipientSearch = typed ? await searchLedgerRecipient(agent, shopId, typed) : null;
  const filter: ActivityFilter = {
    eventType: EVENT_TYPES.find((t) => t === one(search.type)),
    status: Object.values(DeliveryStatus).find((s) => s === one(search.status)),
    recipient: typed,
    recipientExact: true,
    before: before && !Number.isNaN(before.getTime()) ? before : undefined,
  };
  const rows =
    recipientSearch && !recipientSearch.ok
      ? []
      : await listDeliveries(shopId, {
          ...filter,
          recipient: recipientSearch?.ok ? recipientSearch.recipient : undefined,
        });
  const filtered = Boolean(filter.eventType || filter.status || filter.recipient || filter.before);
  const base = `/support/shops/${shopId}/deliveries`;
  const older = new URLSearchParams({
    ...(filter.eventType ? { type: filter.eventType } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.recipient ? { recipient: filter.recipient } : {}),
    before: rows.at(-1)?.createdAt ?? "",
  });
  return (
    <>
      <p className="mb-4 text-sm text-slate-600">
        Every event sent or skipped for this shop, newest first, with the reason, attempts and Postscript&apos;s answer.
        Recipients are masked: open an event to reveal one (recorded in the audit log) or to replay a failed one. The
        customer filter takes a whole phone number or email, and each search is recorded in the audit log.
      </p>
      <form role="search" action={base} className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="ledger-recipient" className="block text-xs font-medium text-slate-600">
            Customer phone or email
          </label>
          <input
            id="ledger-recipient"
            name="recipient"
            defaultValue={filter.recipient}
            placeholder="+1 415 555 2671 or name@example.com"
            className="mt-1 w-56 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        </div>
        <div>
          <label htmlFor="ledger-status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <select
            id="ledger-status"
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
          <label htmlFor="ledger-type" className="block text-xs font-medium text-slate-600">
            Event type
          </label>
          <select
            id="ledger-type"
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
        <EmptyState
          title={
            recipientSearch && !recipientSearch.ok
              ? "Enter a whole phone number or email"
              : filtered
                ? "No events match"
                : "No events yet"
          }
        >
          {recipientSearch && !recipientSearch.ok
            ? recipientSearch.message
            : filtered
              ? "Try another whole phone number or email, status or event type."
              : "This shop has not sent or skipped any event."}
        </EmptyState>
      ) : (
        <LedgerTable
          rows={rows}
          timeZone={timeZone}
          olderHref={`${base}?${older.toString()}`}
          eventHref={(r) => `${base}/${r.id}`}
          maskAnswer={maskText}
        />
      )}
    </>
  );
}
