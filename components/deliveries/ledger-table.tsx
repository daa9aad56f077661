import Link from "next/link";
import type { ReactNode } from "react";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-status-badge";
import { FlowTime } from "@/components/setup/flow-time";
import { Badge } from "@/components/ui/badge";
import { ACTIVITY_PAGE_SIZE, type DeliveryRow } from "@/lib/deliveries/list-deliveries";

/**
 * The delivery ledger as a table, newest first, with a link to the next page: the merchant's Activity and the
 * support console's ledger. Recipients arrive masked from listDeliveries; `eventHref` links each event to its
 * detail page, `statusAction` adds a control beside a row's status, `maskAnswer` hides contacts inside answers.
 */
export function LedgerTable({
  rows,
  timeZone,
  olderHref,
  eventHref,
  statusAction,
  maskAnswer = (answer) => answer,
}: {
  rows: DeliveryRow[];
  timeZone: string;
  olderHref: string;
  eventHref?: (row: DeliveryRow) => string;
  statusAction?: (row: DeliveryRow) => ReactNode;
  maskAnswer?: (answer: string) => string;
}) {
  return (
    <>
      <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">
                Event
              </th>
              <th scope="col" className="px-4 py-3">
                Recipient
              </th>
              <th scope="col" className="px-4 py-3">
                Status
              </th>
              <th scope="col" className="px-4 py-3">
                Attempts
              </th>
              <th scope="col" className="px-4 py-3">
                Reason / answer
              </th>
              <th scope="col" className="px-4 py-3">
                Time
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const answer = r.answer ? maskAnswer(r.answer) : null;
              return (
                <tr key={`${r.kind}-${r.id}`} className={eventHref && r.kind === "event" ? "hover:bg-slate-50" : ""}>
                  <td className="px-4 py-3 font-mono text-xs text-slate-800">
                    {eventHref && r.kind === "event" ? (
                      <Link
                        href={eventHref(r)}
                        className="text-brand-700 underline decoration-brand-200 underline-offset-4 hover:text-brand-600"
                      >
                        {r.eventType}
                        <span className="sr-only">
                          {" "}
                          to {r.recipient}, {r.status.toLowerCase()}
                        </span>
                      </Link>
                    ) : (
                      r.eventType
                    )}
                    {r.kind === "test" ? (
                      <span className="ml-2 font-sans">
                        <Badge tone="info">test</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3 text-slate-700">{r.recipient}</td>
                  <td className="px-4 py-3">
                    <DeliveryStatusBadge status={r.status} />
                    {statusAction?.(r)}
                  </td>
                  <td className="px-4 py-3 text-slate-700">{r.attempts}</td>
                  <td className="max-w-sm truncate px-4 py-3 text-slate-600" title={answer ?? undefined}>
                    {answer ??
                      (r.scheduledFor ? (
                        <>
                          Scheduled for <FlowTime iso={r.scheduledFor} timeZone={timeZone} />
                        </>
                      ) : (
                        "—"
                      ))}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                    <FlowTime iso={r.createdAt} timeZone={timeZone} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length === ACTIVITY_PAGE_SIZE ? (
        <Link href={olderHref} className="mt-4 inline-block text-sm font-medium text-brand-600">
          Older events →
        </Link>
      ) : null}
    </>
  );
}
