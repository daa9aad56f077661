"use client";

import { revealRecipientAction } from "@/lib/support/actions";
import { ReasonForm } from "./reason-form";
import { useSupportAction } from "./use-support-action";

/** A masked recipient with "Reveal": the full phone and email are fetched only with a reason (audited). */
export function RevealRecipient({
  shopId,
  deliveryId,
  masked,
  canReveal,
}: {
  shopId: string;
  deliveryId: string;
  masked: string;
  canReveal: boolean;
}) {
  const action = useSupportAction((reason) => revealRecipientAction({ shopId, deliveryId, reason }));
  const shown = action.data;
  return (
    <div className="space-y-2">
      <p className="font-mono text-sm text-slate-900" data-testid="recipient">
        {shown ? [shown.name, shown.phone, shown.email].filter(Boolean).join(" · ") : masked}
      </p>
      {canReveal && !shown ? (
        <ReasonForm
          label="Reveal"
          confirmLabel="Reveal recipient"
          pendingLabel="Revealing…"
          description="The customer's name, full phone number and email are shown to you once; the reveal is recorded in the audit log. Links in the properties stay masked."
          pending={action.pending}
          error={action.error}
          onSubmit={action.submit}
        />
      ) : null}
      {shown ? (
        <p role="status" className="text-xs text-slate-500">
          Revealed and recorded in the audit log. Reload the page to mask it again.
        </p>
      ) : null}
    </div>
  );
}
