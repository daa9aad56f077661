"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { disconnectKlaviyoAction, setKlaviyoEnabledAction, verifyKlaviyoKeyAction } from "@/lib/klaviyo-connection/actions";
import type { ConnectKlaviyoOutcome } from "@/lib/klaviyo-connection/connect-klaviyo";
import type { KlaviyoStatus } from "@/lib/klaviyo-connection/klaviyo-status";
import { KlaviyoKeyForm } from "./klaviyo-key-form";

/** What the panel shows of the connection; dates arrive formatted in the shop's time zone. */
export type KlaviyoPanelView = {
  status: KlaviyoStatus;
  keyLast4: string | null;
  accountName: string | null;
  lastVerified: string | null;
  lastError: string | null;
};

type Notice = { tone: "success" | "warning" | "error"; text: string };

const noticeStyles = {
  success: "bg-emerald-50 text-emerald-800",
  warning: "bg-amber-50 text-amber-900",
  error: "bg-red-50 text-red-700",
} as const;

function outcomeNotice(outcome: ConnectKlaviyoOutcome): Notice {
  if (outcome.result === "saved_unverified") {
    return { tone: "warning", text: `Key saved but Klaviyo could not be reached to verify it: ${outcome.reason}` };
  }
  const to = outcome.accountName ? `Connected to ${outcome.accountName}.` : "Connected to Klaviyo.";
  return { tone: "success", text: `${to} Your key ending in ${outcome.keyLast4} is verified.` };
}

/** Connect, verify, enable/disable, replace or disconnect the shop's Klaviyo Private API Key. */
export function KlaviyoConnectionPanel({ shopId, view, canWrite }: { shopId: string; view: KlaviyoPanelView; canWrite: boolean }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);
  const hasKey = view.status !== "not_configured";
  const enabled = view.status !== "disabled";

  const run = useMutation({
    mutationFn: async (action: () => Promise<ActionResult<unknown>>) => action(),
    onSuccess: (result) => {
      if (!result.ok) setNotice({ tone: "error", text: result.message });
      router.refresh();
    },
    onError: () => setNotice({ tone: "error", text: "Could not reach Signalboard. Check your connection and try again." }),
  });

  const verify = () =>
    run.mutate(async () => {
      const result = await verifyKlaviyoKeyAction({ shopId });
      if (result.ok) setNotice({ tone: result.data.verification === "VERIFIED" ? "success" : "warning", text: result.data.message });
      return result;
    });
  const toggle = () =>
    run.mutate(async () => {
      const result = await setKlaviyoEnabledAction({ shopId, enabled: !enabled });
      if (result.ok) {
        setNotice({ tone: "success", text: result.data.enabled ? "Klaviyo enabled: waiting events are on their way." : "Klaviyo disabled: events for Klaviyo wait until you enable it again." });
      }
      return result;
    });
  const disconnect = () =>
    run.mutate(async () => {
      const result = await disconnectKlaviyoAction({ shopId });
      if (result.ok) setNotice({ tone: "success", text: "Disconnected: the key was deleted from Signalboard." });
      setConfirmingDisconnect(false);
      setReplacing(false);
      return result;
    });

  return (
    <div className="space-y-4">
      <div aria-live="polite">
        {notice ? (
          <p role={notice.tone === "success" ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${noticeStyles[notice.tone]}`}>
            {notice.text}
          </p>
        ) : null}
      </div>

      {hasKey ? (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Private API Key</dt>
            <dd className="font-mono text-slate-900" data-testid="klaviyo-key-last4">
              •••• •••• {view.keyLast4}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Klaviyo account</dt>
            <dd className="text-slate-900">{view.accountName ?? "Not verified yet"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Last verified</dt>
            <dd className="text-slate-900">{view.lastVerified ?? "never"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Sending</dt>
            <dd className="text-slate-900">{enabled ? "Enabled" : "Disabled"}</dd>
          </div>
          {/* Right after an action its notice already says this; the saved reason matters on later visits. */}
          {view.lastError && view.lastError !== notice?.text ? (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">Last problem</dt>
              <dd className="text-amber-900">{view.lastError}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}

      {canWrite && hasKey ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" onClick={verify} pending={run.isPending}>
            Verify again
          </Button>
          {/* A button named for its action: a switch named "Disable Klaviyo" read as "on" while enabled. */}
          <Button variant="secondary" onClick={toggle} disabled={run.isPending}>
            {enabled ? "Disable Klaviyo" : "Enable Klaviyo"}
          </Button>
          <Button variant="secondary" onClick={() => setReplacing((r) => !r)} aria-expanded={replacing}>
            {replacing ? "Cancel replacing" : "Replace key"}
          </Button>
          {confirmingDisconnect ? (
            <span role="group" aria-label="Confirm disconnect" className="inline-flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-2 py-1 text-sm text-red-800">
              Delete the key from Signalboard? Events for Klaviyo will wait until you connect again.
              <Button variant="danger" onClick={disconnect} pending={run.isPending}>
                Yes, disconnect
              </Button>
              <Button variant="ghost" onClick={() => setConfirmingDisconnect(false)} autoFocus>
                Cancel
              </Button>
            </span>
          ) : (
            <Button variant="danger" onClick={() => setConfirmingDisconnect(true)}>
              Disconnect
            </Button>
          )}
        </div>
      ) : null}

      {canWrite && (!hasKey || replacing) ? (
        <KlaviyoKeyForm
          shopId={shopId}
          replacing={hasKey}
          onSaved={(outcome) => {
            setNotice(outcomeNotice(outcome));
            setReplacing(false);
          }}
        />
      ) : null}

      {!canWrite ? <p className="text-sm text-slate-600">Read-only: only the shop&apos;s staff can change the Klaviyo connection.</p> : null}
    </div>
  );
}
