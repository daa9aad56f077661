"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { resendUnconfirmedAction } from "@/lib/activity/actions";
import { RESEND_DUPLICATE_WARNING } from "@/lib/deliveries/resend-duplicate-warning";

/** "Resend" on an unconfirmed Activity row: only after the merchant ticks that a duplicate text is possible. */
export function ResendUnconfirmedButton({ shopId, deliveryId }: { shopId: string; deliveryId: string }) {
  const [accepted, setAccepted] = useState(false);
  const resend = useAction(resendUnconfirmedAction);
  const error = resend.error;
  return (
    <div className="mt-1 space-y-1 text-xs">
      <label className="flex items-start gap-1 text-amber-900">
        <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} className="mt-0.5" />
        <span>{RESEND_DUPLICATE_WARNING}</span>
      </label>
      <Button
        variant="secondary"
        disabled={!accepted}
        pending={resend.pending}
        onClick={() => resend.execute({ shopId, deliveryId, acceptDuplicate: true })}
      >
        Resend
      </Button>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
