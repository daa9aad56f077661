"use client";

import { useRouter } from "next/navigation";
import { useRef, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/lib/actions/use-action";
import { deleteUpsellStrategyAction } from "@/lib/upsell/actions";

/** Deletes a strategy after a confirmation dialog (a native modal <dialog>: focus trapped, Escape cancels). */
export function DeleteUpsellStrategyButton({
  shopId,
  strategyId,
  name,
}: {
  shopId: string;
  strategyId: string;
  name: string;
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [navigating, startNavigation] = useTransition();
  // The strategy's page is gone after a delete: go to the list instead of refreshing it.
  const remove = useAction(deleteUpsellStrategyAction, {
    refresh: false,
    onSuccess: () => startNavigation(() => router.push(`/shops/${shopId}/upsells`)),
  });
  const error = remove.error;
  const pending = remove.pending || navigating;

  return (
    <>
      <Button variant="danger" type="button" onClick={() => dialog.current?.showModal()}>
        Delete strategy
      </Button>
      <ModalDialog
        ref={dialog}
        aria-labelledby={`${strategyId}-delete-title`}
        aria-describedby={`${strategyId}-delete-body`}
      >
        <div className="p-6">
          <h2 id={`${strategyId}-delete-title`} className="text-base font-semibold text-slate-900">
            Delete “{name}”?
          </h2>
          <p id={`${strategyId}-delete-body`} className="mt-2 text-sm text-slate-600">
            Customers stop seeing its offers at once. Events already sent stay in Activity. This can&apos;t be undone.
          </p>
          {error ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="mt-6 flex justify-end gap-3">
            <Button variant="secondary" type="button" onClick={() => dialog.current?.close()} disabled={pending}>
              Cancel
            </Button>
            <Button
              variant="danger"
              type="button"
              onClick={() => remove.execute({ shopId, strategyId })}
              pending={pending}
            >
              Delete
            </Button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
