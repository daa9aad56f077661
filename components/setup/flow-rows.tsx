"use client";

import { useId } from "react";
import type { IntegrationStatus } from "@/lib/postscript-connection/integration-status";
import type { FlowRowView } from "@/lib/setup/get-flow-rows";
import { FlowInstructions } from "./flow-instructions";
import { FlowRow } from "./flow-row";

// Said per connection status, so a disabled integration is never told to connect a key it already has.
const CONNECTION_BLOCKS: Record<IntegrationStatus, string | null> = {
  connected: null,
  disabled: "The integration is disabled: enable it in step 2 (Connect Postscript) to send test events.",
  not_configured: "Connect and verify your Postscript key first: test events are sent with it.",
  not_complete: "Your Postscript key is saved but not verified: verify it again or paste a new one in step 2.",
};

/**
 * Setup step 4 for a set of event types: one row per event (trigger name, merge tags, test event, flow
 * confirmation) beside Postscript's instructions. Actions are disabled, with the reason, for read-only viewers
 * and until the shop's Postscript integration is connected (a verified key, enabled).
 */
export function FlowRows({
  shopId,
  rows,
  canWrite,
  connection,
  timeZone,
}: {
  shopId: string;
  rows: FlowRowView[];
  canWrite: boolean;
  connection: IntegrationStatus;
  timeZone: string;
}) {
  const blockedReason = !canWrite
    ? "Read-only: only the shop's staff can send test events and confirm flows."
    : CONNECTION_BLOCKS[connection];
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
            <FlowRow
              key={row.type}
              shopId={shopId}
              row={row}
              blockedReasonId={blockedReason ? reasonId : null}
              timeZone={timeZone}
            />
          ))}
        </ul>
      </div>
      <div className="lg:sticky lg:top-6 lg:self-start">
        <FlowInstructions />
      </div>
    </div>
  );
}
