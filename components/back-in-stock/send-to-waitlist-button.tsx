"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/lib/actions/use-action";
import { sendToWaitlistAction } from "@/lib/back-in-stock/send-actions";
import { RestockProgress } from "./restock-progress";

/**
 * "Send" on a waitlist row: asks for confirmation (warning when the variant is sold out), then shows the send's
 * live progress; closing it refreshes the report so the row's counts are current.
 */
export function SendToWaitlistButton({
  shopId,
  variantId,
  label,
  waiting,
  soldOut,
  available,
}: {
  shopId: string;
  variantId: string;
  label: string;
  waiting: number;
  soldOut: boolean;
  available: number;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [restockId, setRestockId] = useState<string | null>(null);
  // No refresh on success: the progress replaces the dialog's text, and closing it refreshes the report.
  const send = useAction(sendToWaitlistAction, { refresh: false, onSuccess: (data) => setRestockId(data.restockId) });
  const error = send.error;

  return (
    <>
      <Button
        variant="secondary"
        onClick={() => dialog.current?.showModal()}
        aria-label={`Send to the waitlist for ${label}`}
        disabled={waiting === 0}
      >
        Send
      </Button>
      <ModalDialog
        ref={dialog}
        aria-labelledby={`send-${variantId}-title`}
        onClose={() => {
          if (!restockId) return;
          setRestockId(null);
          send.reset();
          router.refresh();
        }}
      >
        <div className="space-y-4 p-6">
          <h2 id={`send-${variantId}-title`} className="text-base font-semibold text-slate-900">
            {restockId ? `Sending to the waitlist for ${label}` : `Send the back-in-stock alert for ${label}?`}
          </h2>
          {restockId ? (
            <RestockProgress shopId={shopId} restockId={restockId} />
          ) : (
            <>
              {soldOut ? (
                <p
                  role="alert"
                  className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
                >
                  This variant is sold out ({available} in stock). Customers will be told it is back in stock but cannot
                  buy it yet.
                </p>
              ) : null}
              <p className="text-sm text-slate-600">
                {waiting} waiting customer{waiting === 1 ? "" : "s"} will get the back-in-stock alert now, through your
                active SMS provider. Each customer gets it once, even if you click Send again.
              </p>
            </>
          )}
          {error ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            {restockId ? (
              <Button variant="secondary" onClick={() => dialog.current?.close()}>
                Close
              </Button>
            ) : (
              <>
                <Button variant="ghost" onClick={() => dialog.current?.close()}>
                  Cancel
                </Button>
                <Button
                  onClick={() => send.execute({ shopId, variantId, sendWhileSoldOut: soldOut })}
                  pending={send.pending}
                >
                  {soldOut ? "Send anyway to" : "Send to"} {waiting} customer{waiting === 1 ? "" : "s"}
                </Button>
              </>
            )}
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
