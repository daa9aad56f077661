"use client";

import { useQuery } from "@tanstack/react-query";

export type ProgressCounts = {
  total: number;
  delivered: number;
  unconfirmed: number;
  retrying: number;
  failed: number;
  skipped: number;
  pending: number;
  paused: string | null;
  quietHours: number;
  texted: number;
  received: number;
};

async function fetchProgress(shopId: string, restockId: string): Promise<ProgressCounts> {
  const response = await fetch(`/api/shops/${shopId}/restocks/${restockId}`, { cache: "no-store" });
  if (!response.ok) throw new Error("Could not load the progress.");
  return response.json();
}

/** Live send progress of a restock: sent / retrying / failed / total, polled until nothing is left to send. */
export function RestockProgress({
  shopId,
  restockId,
  initial,
}: {
  shopId: string;
  restockId: string;
  initial?: ProgressCounts;
}) {
  const progress = useQuery({
    queryKey: ["restock-progress", restockId],
    queryFn: () => fetchProgress(shopId, restockId),
    initialData: initial,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return 1_000;
      if (data.pending > 0) return data.paused ? 5_000 : 1_000;
      // Built-in SMS receipts arrive after the send: keep listening until each accepted text has one.
      return data.retrying > 0 || data.received < data.texted ? 5_000 : false;
    },
  });
  const data = progress.data;
  if (!data) return <p className="text-sm text-slate-600">Preparing the send…</p>;
  const done = data.delivered + data.unconfirmed + data.failed + data.skipped;
  const percent = data.total ? Math.round((done / data.total) * 100) : 0;
  return (
    <div className="space-y-2" data-testid="restock-progress">
      <div
        role="progressbar"
        aria-label="Send progress"
        aria-valuemin={0}
        aria-valuemax={data.total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-emerald-500 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-700" aria-live="polite">
        <strong data-testid="progress-sent">{data.delivered}</strong> sent
        {data.unconfirmed ? (
          <>
            {" "}
            · <span data-testid="progress-unconfirmed">{data.unconfirmed} unconfirmed</span>
          </>
        ) : null}{" "}
        · {data.retrying} retrying · {data.failed} failed
        {data.skipped ? ` · ${data.skipped} skipped` : ""} · <strong>{data.total}</strong> total
        {data.pending
          ? ` · ${data.pending} waiting their turn`
          : done === data.total && data.total > 0
            ? " · finished"
            : ""}
      </p>
      {data.texted ? (
        // Green only once the carrier confirmed every text: "0 of 2" is a wait for receipts, not a success.
        <p
          className={`text-sm ${data.received === data.texted ? "text-emerald-800" : "text-slate-600"}`}
          data-testid="progress-received"
        >
          {data.received} of {data.texted} texts delivered to the phone (the carrier confirmed each reached the handset)
        </p>
      ) : null}
      {data.quietHours ? (
        <p role="status" className="text-sm text-amber-800" data-testid="progress-quiet-hours">
          {data.quietHours} waiting for quiet hours to end: texts go out after 08:00 in each customer&apos;s time zone.
        </p>
      ) : null}
      {data.paused ? (
        <p role="status" className="text-sm text-amber-800" data-testid="progress-paused">
          {data.paused}
        </p>
      ) : null}
      {data.unconfirmed ? (
        <p className="text-sm text-slate-600">
          Unconfirmed: the request left but Postscript never answered, so the customer may or may not have been texted.
          They are not resent on their own; you can resend them from Activity (a customer may get the text twice).
        </p>
      ) : null}
      {progress.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {progress.error.message}
        </p>
      ) : null}
    </div>
  );
}
