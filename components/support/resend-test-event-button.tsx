"use client";

import { resendTestEventAction } from "@/lib/support/actions";
import { ReasonForm } from "./reason-form";
import { useSupportAction } from "./use-support-action";

/**
 * "Send test event" for one event type (or "Resend test event" once one was sent): registers the trigger in the
 * shop's Postscript (audited).
 */
export function ResendTestEventButton({
  shopId,
  eventType,
  sent,
  disabledReason,
}: {
  shopId: string;
  eventType: string;
  sent: boolean;
  disabledReason?: string;
}) {
  const verb = sent ? "Resend" : "Send";
  const action = useSupportAction((reason) => resendTestEventAction({ shopId, eventType, reason }));
  return (
    <div className="space-y-1">
      <ReasonForm
        label={`${verb} test event`}
        name={`${verb} test event ${eventType}`}
        confirmLabel={`Send ${eventType}`}
        pendingLabel="Sending…"
        description={
          <>
            Sends a sample <code className="rounded bg-white px-1 font-mono text-xs">{eventType}</code> event to the
            shop&apos;s Postscript account, addressed to your own email.
          </>
        }
        pending={action.pending}
        error={action.error}
        onSubmit={action.submit}
        disabled={Boolean(disabledReason)}
        disabledReason={disabledReason}
      />
      {action.data ? (
        <p
          role="status"
          className={`text-sm ${action.data.status === "ACCEPTED" ? "text-emerald-800" : "text-red-700"}`}
        >
          {action.data.message}
        </p>
      ) : null}
    </div>
  );
}
