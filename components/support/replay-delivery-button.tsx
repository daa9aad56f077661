"use client";

import { replayDeliveryAction } from "@/lib/support/actions";
import { ReasonForm } from "./reason-form";
import { useSupportAction } from "./use-support-action";

/** "Replay delivery" for a FAILED ledger row: the same row goes back in the queue (audited with the reason). */
export function ReplayDeliveryButton({ shopId, deliveryId }: { shopId: string; deliveryId: string }) {
  const action = useSupportAction((reason) => replayDeliveryAction({ shopId, deliveryId, reason }));
  return (
    <div className="space-y-2">
      <ReasonForm
        label="Replay delivery"
        variant="primary"
        confirmLabel="Replay"
        pendingLabel="Replaying…"
        description="Sends this event again with the same idempotency key and properties. Only failed events can be replayed; a delivered one is never sent twice."
        pending={action.pending}
        error={action.error}
        onSubmit={action.submit}
      />
      {action.data ? <p role="status" className="text-sm text-emerald-800">{action.data.message}</p> : null}
    </div>
  );
}
