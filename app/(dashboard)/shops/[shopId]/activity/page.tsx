import type { Metadata } from "next";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { listDeliveries } from "@/lib/deliveries/list-deliveries";

export const metadata: Metadata = { title: "Activity" };

const statusTone: Record<string, BadgeTone> = {
  DELIVERED: "success", FAILED: "danger", RETRYING: "warning", SENDING: "info", PENDING: "neutral", SKIPPED: "neutral",
};

export default async function ActivityPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const rows = await listDeliveries(ctx.shop.id);
  return (
    <>
      <PageHeader title="Activity" description="Every event Signalboard sent or skipped for this shop, newest first." />
      {rows.length === 0 ? (
        <EmptyState
          title="No events yet"
          action={<Link className="text-sm font-medium text-brand-600" href={`/shops/${ctx.shop.id}/postscript`}>Go to Postscript setup →</Link>}
        >
          Once Postscript is connected, each event (starting with “Integration Connected”) appears here with its status and Postscript&apos;s answer.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Event</th>
                <th scope="col" className="px-4 py-3">Recipient</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Attempts</th>
                <th scope="col" className="px-4 py-3">Answer</th>
                <th scope="col" className="px-4 py-3">Time</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-3 font-mono text-xs text-slate-800">{r.eventType}</td>
                  <td className="px-4 py-3 text-slate-700">{r.recipient}</td>
                  <td className="px-4 py-3"><Badge tone={statusTone[r.status] ?? "neutral"}>{r.status.toLowerCase()}</Badge></td>
                  <td className="px-4 py-3 text-slate-700">{r.attempts}</td>
                  <td className="max-w-xs truncate px-4 py-3 text-slate-600" title={r.answer ?? undefined}>{r.answer ?? "—"}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{new Date(r.createdAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
