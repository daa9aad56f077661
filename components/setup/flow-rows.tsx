"use client";

import { useId } from "react";
import type { FlowRowView } from "@/lib/setup/get-flow-rows";
import { FlowInstructions } from "./flow-instructions";
import { FlowRow } from "./flow-row";

/**
 * Setup step 4 for a set of event types: one row per event (trigger name, merge tags, test event, flow
 * confirmation) beside Postscript's instructions. Actions are disabled, with the reason, for read-only viewers
 * and until the shop's Postscript key is connected and verified.
 */
export function FlowRows({ shopId, rows, canWrite, connected }: { shopId: string; rows: FlowRowView[]; canWrite: boolean; connected: boolean }) {
  const blockedReason = !canWrite
    ? "Read-only: only the shop's staff can send test events and confirm flows."
    : !connected
      ? "Connect and verify your Postscript key first: test events are sent with it."
      : null;
  const reasonId = useId();

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0 space-y-4">
        {blockedReason ? (
          <p id={reasonId} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            {blockedReason}
          </p>
        ) : null}
        <ul className="divide-y divide-slate-200">
          {rows.map((row) => (
            <FlowRow key={row.type} shopId={shopId} row={row} blockedReasonId={blockedReason ? reasonId : null} />
          ))}
        </ul>
      </div>
      <div className="lg:sticky lg:top-6 lg:self-start">
        <FlowInstructions />
      </div>
    </div>
  );
}
