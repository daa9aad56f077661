"use client";

import { useState } from "react";
import { RESEND_DUPLICATE_WARNING } from "@/lib/deliveries/resend-duplicate-warning";
import { replayDeliveryAction } from "@/lib/support/actions";
import { ReasonForm } from "./reason-form";
import { useSupportAction } from "./use-support-action";

/**
 * "Replay delivery" for a FAILED ledger row, or "Resend" for an UNCONFIRMED one once the agent ticked that a
 * duplicate is possible: the same row goes back in the queue (audited with the reason).
 */
export function ReplayDeliveryButton({
  shopId,
  deliveryId,
  unconfirmed = false,
}: {
  shopId: string;
  deliveryId: string;
  unconfirmed?: boolean;
}) {
  const [acceptDuplicate, setAcceptDuplicate] = useState(false);
  const action = useSupportAction((reason) => replayDeliveryAction({ shopId, deliveryId, reason, acceptDuplicate }));
  return (
    <div className="space-y-2">
      {unconfirmed ? (
        <label className="flex items-start gap-2 text-sm text-amber-900">
          <input
            type="checkbox"
            checked={acceptDuplicate}
            onChange={(e) => setAcceptDuplicate(e.target.checked)}
            className="mt-1"
          />
          <span>{RESEND_DUPLICATE_WARNING} Resend anyway.</span>
        </label>
      ) : null}
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
      {action.data ? (
        <p role="status" className="text-sm text-emerald-800">
          {action.data.message}
        </p>
      ) : null}
    </div>
  );
}
