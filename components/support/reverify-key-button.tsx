"use client";

import { reverifyKeyAction } from "@/lib/support/actions";
import { ReasonForm } from "./reason-form";
import { useSupportAction } from "./use-support-action";

/** "Re-verify key": asks Postscript about the saved key again (audited with the reason). */
export function ReverifyKeyButton({ shopId, hasKey }: { shopId: string; hasKey: boolean }) {
  const action = useSupportAction((reason) => reverifyKeyAction({ shopId, reason }));
  return (
    <div className="space-y-2">
      <ReasonForm
        label="Re-verify key"
        confirmLabel="Re-verify with Postscript"
        pendingLabel="Asking Postscript…"
        description="Asks Postscript whether the saved key still works. If it does, held events are sent."
        pending={action.pending}
        error={action.error}
        onSubmit={action.submit}
        disabled={!hasKey}
        disabledReason={hasKey ? undefined : "No key is saved: only the merchant can paste one."}
      />
      {action.data ? (
        <p
          role="status"
          className={`text-sm ${action.data.verification === "VERIFIED" ? "text-emerald-800" : "text-red-700"}`}
        >
          {action.data.message}
        </p>
      ) : null}
    </div>
  );
}
