"use client";

import { replayWebhookAction } from "@/lib/support/actions";
import { ReasonForm } from "./reason-form";
import { useSupportAction } from "./use-support-action";

/** "Replay" for a Shopify webhook that failed for good: its stored body is processed again (audited with the reason). */
export function ReplayWebhookButton({ shopId, webhookEventId }: { shopId: string; webhookEventId: string }) {
  const action = useSupportAction((reason) => replayWebhookAction({ shopId, webhookEventId, reason }));
  return (
    <div className="space-y-2">
      <ReasonForm
        label="Replay"
        confirmLabel="Replay webhook"
        pendingLabel="Replaying…"
        description="Processes the stored webhook again, as on arrival. A webhook that was applied is never applied twice."
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
