"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/lib/actions/use-action";
import { downgradePlanAction, upgradePlanAction } from "@/lib/billing/actions";
import type { PLANS } from "@/lib/billing/plans";

/**
 * The shop's plan and the way to change it. Upgrading opens Shopify's own approval page in the whole window (it
 * cannot show inside the admin's frame); downgrading asks first, because Postscript sending stops at once.
 */
export function PlanCard({
  shopId,
  plan,
  paid,
  canWrite,
}: {
  shopId: string;
  plan: "FREE" | "PAID";
  paid: (typeof PLANS)["PAID"];
  canWrite: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The whole window leaves for Shopify's approval page: nothing here to refresh.
  const upgrade = useAction(upgradePlanAction, {
    refresh: false,
    onSuccess: (data) => window.open(data.confirmationUrl, "_top"),
  });
  const downgrade = useAction(downgradePlanAction, { onSuccess: () => dialog.current?.close() });
  const price = `${new Intl.NumberFormat("en-US", { style: "currency", currency: paid.currencyCode }).format(paid.price)} every 30 days`;

  return (
    <div className="space-y-3 text-sm">
      {plan === "PAID" ? (
        <p className="text-slate-700">
          You are on <strong>{paid.name}</strong> ({price}), billed by Shopify with your store&apos;s invoice.
          Postscript is included.
        </p>
      ) : (
        <p className="text-slate-700">
          You are on <strong>Free</strong>: built-in SMS and Klaviyo. <strong>{paid.name}</strong> adds sending through
          Postscript for {price}, billed by Shopify.
        </p>
      )}
      {!canWrite ? (
        <p className="text-slate-500">Read-only: only the shop&apos;s staff can change the plan.</p>
      ) : plan === "FREE" ? (
        <div>
          <Button
            type="button"
            onClick={() => upgrade.execute({ shopId })}
            pending={upgrade.pending || (upgrade.result?.ok ?? false)}
          >
            Upgrade to {paid.name}
          </Button>
          <p className="mt-2 text-xs text-slate-500">
            Shopify asks you to approve the charge, then brings you back here.
          </p>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => dialog.current?.showModal()}>
          Switch to Free
        </Button>
      )}
      {upgrade.error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
          {upgrade.error}
        </p>
      ) : null}
      <ModalDialog ref={dialog} aria-labelledby="downgrade-title" aria-describedby="downgrade-body">
        <div className="p-6">
          <h2 id="downgrade-title" className="text-base font-semibold text-slate-900">
            Switch to Free?
          </h2>
          <p id="downgrade-body" className="mt-2 text-slate-600">
            Shopify cancels the {paid.name} subscription now. Signalboard stops sending through Postscript at once;
            events for Postscript wait until you choose Built-in SMS or Klaviyo, or upgrade again.
          </p>
          {downgrade.error ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-red-700">
              {downgrade.error}
            </p>
          ) : null}
          <div className="mt-6 flex justify-end gap-3">
            <Button
              variant="secondary"
              type="button"
              onClick={() => dialog.current?.close()}
              disabled={downgrade.pending}
            >
              Keep {paid.name}
            </Button>
            <Button
              variant="danger"
              type="button"
              onClick={() => downgrade.execute({ shopId })}
              pending={downgrade.pending}
            >
              Switch to Free
            </Button>
          </div>
        </div>
      </ModalDialog>
    </div>
  );
}
