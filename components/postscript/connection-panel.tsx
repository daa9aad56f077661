"use client";

import { formatShopTime } from "@/lib/format/format-shop-time";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import {
  disconnectPostscriptAction,
  setPostscriptEnabledAction,
  verifyPostscriptKeyAction,
} from "@/lib/postscript-connection/actions";
import type { ConnectOutcome } from "@/lib/postscript-connection/connect-postscript";
import type { PostscriptConnectionView } from "@/lib/postscript-connection/get-postscript-connection";
import { ApiKeyForm } from "./api-key-form";

type Notice = { tone: "success" | "warning" | "error"; text: string };

const noticeStyles = {
  success: "bg-emerald-50 text-emerald-800",
  warning: "bg-amber-50 text-amber-900",
  error: "bg-red-50 text-red-700",
} as const;

function outcomeNotice(outcome: ConnectOutcome): Notice {
  return outcome.result === "connected"
    ? { tone: "success", text: `Connected to ${outcome.accountName}. Your key ending in ${outcome.keyLast4} is verified.` }
    : { tone: "warning", text: `API key saved but connection could not be verified: ${outcome.reason}` };
}


/** Step 2 of setup: connect, verify, enable/disable, replace or disconnect the shop's Postscript key. */
export function ConnectionPanel({ shopId, view, canWrite, timeZone }: { shopId: string; view: PostscriptConnectionView; canWrite: boolean; timeZone: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);

  const run = useMutation({
    mutationFn: async (action: () => Promise<ActionResult<unknown>>) => action(),
    onSuccess: (result, _vars) => {
      if (!result.ok) setNotice({ tone: "error", text: result.message });
      router.refresh();
    },
    onError: () => setNotice({ tone: "error", text: "Could not reach Signalboard. Check your connection and try again." }),
  });

  const verify = () =>
    run.mutate(async () => {
      const result = await verifyPostscriptKeyAction({ shopId });
      if (result.ok) setNotice({ tone: result.data.verification === "VERIFIED" ? "success" : "warning", text: result.data.message });
      return result;
    });
  const toggle = () =>
    run.mutate(async () => {
      const result = await setPostscriptEnabledAction({ shopId, enabled: !view.enabled });
      if (result.ok) setNotice({ tone: "success", text: result.data.enabled ? "Integration enabled." : "Integration disabled: no events will be sent to Postscript." });
      return result;
    });
  const disconnect = () =>
    run.mutate(async () => {
      const result = await disconnectPostscriptAction({ shopId });
      if (result.ok) setNotice({ tone: "success", text: "Disconnected: the key was deleted from Signalboard." });
      setConfirmingDisconnect(false);
      return result;
    });

  return (
    <div className="space-y-4">
      {notice ? (
        <p role={notice.tone === "success" ? "status" : "alert"} className={`rounded-md px-3 py-2 text-sm ${noticeStyles[notice.tone]}`}>
          {notice.text}
        </p>
      ) : null}

      {view.hasKey ? (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Private API Key</dt>
            <dd className="font-mono text-slate-900" data-testid="key-last4">•••• •••• {view.keyLast4}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Postscript account</dt>
            <dd className="text-slate-900">{view.accountName ?? "Not verified yet"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Last verified</dt>
            <dd className="text-slate-900">{view.lastVerifiedAt ? formatShopTime(view.lastVerifiedAt, timeZone) : "never"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Sending</dt>
            <dd className="text-slate-900">{view.enabled ? "Enabled" : "Disabled"}</dd>
          </div>
          {view.lastError ? (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">Last problem</dt>
              <dd className="text-amber-900">{view.lastError}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}

      {canWrite && view.hasKey ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={verify} pending={run.isPending}>Verify again</Button>
          {/* A button named for its action: a switch named "Disable integration" read as "on" while enabled. */}
          <Button variant="secondary" onClick={toggle} disabled={run.isPending}>
            {view.enabled ? "Disable integration" : "Enable integration"}
          </Button>
          <Button variant="secondary" onClick={() => setReplacing((r) => !r)} aria-expanded={replacing}>
            {replacing ? "Cancel replacing" : "Replace key"}
          </Button>
          {confirmingDisconnect ? (
            <span className="inline-flex items-center gap-2 rounded-md bg-red-50 px-2 py-1 text-sm text-red-800">
              Delete the key from Signalboard?
              <Button variant="danger" onClick={disconnect} pending={run.isPending}>Yes, disconnect</Button>
              <Button variant="ghost" onClick={() => setConfirmingDisconnect(false)}>Cancel</Button>
            </span>
          ) : (
            <Button variant="danger" onClick={() => setConfirmingDisconnect(true)}>Disconnect</Button>
          )}
        </div>
      ) : null}

      {canWrite && (!view.hasKey || replacing) ? (
        <ApiKeyForm
          shopId={shopId}
          replacing={view.hasKey}
          onSaved={(outcome) => {
            setNotice(outcomeNotice(outcome));
            setReplacing(false);
          }}
        />
      ) : null}

      {!canWrite ? (
        <p className="text-sm text-slate-600">Read-only: only the shop&apos;s staff can change the Postscript connection.</p>
      ) : null}
    </div>
  );
}
