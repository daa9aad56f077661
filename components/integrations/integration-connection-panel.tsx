"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/action-result";
import { useAction } from "@/lib/actions/use-action";
import { IntegrationKeyForm, type IntegrationKeyFormText } from "./integration-key-form";

type Notice = { tone: "success" | "warning" | "error"; text: string };

const noticeStyles = {
  success: "bg-emerald-50 text-emerald-800",
  warning: "bg-amber-50 text-amber-900",
  error: "bg-red-50 text-red-700",
} as const;

/** What the panel shows of a connection: never the key, only its last 4; dates arrive formatted for the shop. */
export type IntegrationPanelView = {
  hasKey: boolean;
  keyLast4: string | null;
  accountName: string | null;
  lastVerified: string | null;
  enabled: boolean;
  lastError: string | null;
  /** More rows to show (Twilio's Account SID and sender): never secrets. */
  details?: { label: string; value: string; testId?: string }[];
};

/** Everything the panel says that differs from one provider to another. */
export type IntegrationPanelText = {
  /** "Postscript": named in the account row and the read-only line. */
  label: string;
  /** What the saved secret is called in the account rows; "Private API Key" unless said. */
  keyName?: string;
  keyTestId: string;
  toggle: { enable: string; disable: string; enabled: string; disabled: string };
  /** Said after "Delete the key from Signalboard?" (what happens to waiting events), or "". */
  disconnectWarning: string;
  keyForm: IntegrationKeyFormText;
};

/** A connect outcome as every provider reports it. */
export type PanelConnectOutcome =
  | { result: "connected"; keyLast4: string; accountName: string | null }
  | { result: "saved_unverified"; keyLast4: string; reason: string };

/** The server actions for one shop and provider (bound by the provider's own thin panel). */
export type IntegrationPanelActions<Outcome extends PanelConnectOutcome> = {
  connect: (apiKey: string, fields: Record<string, string>) => Promise<ActionResult<Outcome>>;
  verify: () => Promise<ActionResult<{ verification: string; message: string }>>;
  setEnabled: (enabled: boolean) => Promise<ActionResult<{ enabled: boolean }>>;
  disconnect: () => Promise<ActionResult<{ disconnected: boolean }>>;
  /** The notice for a saved key: connected, or kept unverified with the reason. */
  outcomeNotice: (outcome: Outcome) => Notice;
};

/** Connect, verify, enable/disable, replace or disconnect one provider's key: the one panel every provider uses. */
export function IntegrationConnectionPanel<Outcome extends PanelConnectOutcome>({
  view,
  canWrite,
  text,
  actions,
}: {
  view: IntegrationPanelView;
  canWrite: boolean;
  text: IntegrationPanelText;
  actions: IntegrationPanelActions<Outcome>;
}) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);

  // One runner for the panel's actions, so one pending state covers them all. A refused action re-reads the page
  // too: a failed check records its problem on the connection.
  const run = useAction((action: () => Promise<ActionResult<unknown>>) => action(), {
    refresh: "always",
    onError: (message) => setNotice({ tone: "error", text: message }),
  });

  const verify = () =>
    void run.execute(async () => {
      const result = await actions.verify();
      if (result.ok)
        setNotice({ tone: result.data.verification === "VERIFIED" ? "success" : "warning", text: result.data.message });
      return result;
    });
  const toggle = () =>
    void run.execute(async () => {
      const result = await actions.setEnabled(!view.enabled);
      if (result.ok)
        setNotice({ tone: "success", text: result.data.enabled ? text.toggle.enabled : text.toggle.disabled });
      return result;
    });
  const disconnect = () =>
    void run.execute(async () => {
      const result = await actions.disconnect();
      if (result.ok) setNotice({ tone: "success", text: "Disconnected: the key was deleted from Signalboard." });
      setConfirmingDisconnect(false);
      setReplacing(false);
      return result;
    });

  return (
    <div className="space-y-4">
      <div aria-live="polite">
        {notice ? (
          <p
            role={notice.tone === "success" ? "status" : "alert"}
            className={`rounded-md px-3 py-2 text-sm ${noticeStyles[notice.tone]}`}
          >
            {notice.text}
          </p>
        ) : null}
      </div>

      {view.hasKey ? (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{text.keyName ?? "Private API Key"}</dt>
            <dd className="font-mono text-slate-900" data-testid={text.keyTestId}>
              •••• •••• {view.keyLast4}
            </dd>
          </div>
          {view.details?.map((detail) => (
            <div key={detail.label}>
              <dt className="text-slate-500">{detail.label}</dt>
              <dd className="font-mono text-slate-900" data-testid={detail.testId}>
                {detail.value}
              </dd>
            </div>
          ))}
          <div>
            <dt className="text-slate-500">{text.label} account</dt>
            <dd className="text-slate-900">{view.accountName ?? "Not verified yet"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Last verified</dt>
            <dd className="text-slate-900">{view.lastVerified ?? "never"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Sending</dt>
            <dd className="text-slate-900">{view.enabled ? "Enabled" : "Disabled"}</dd>
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

      {canWrite && view.hasKey ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" onClick={verify} pending={run.pending}>
            Verify again
          </Button>
          {/* A button named for its action: a switch named "Disable integration" read as "on" while enabled. */}
          <Button variant="secondary" onClick={toggle} disabled={run.pending}>
            {view.enabled ? text.toggle.disable : text.toggle.enable}
          </Button>
          <Button variant="secondary" onClick={() => setReplacing((r) => !r)} aria-expanded={replacing}>
            {replacing ? "Cancel replacing" : "Replace key"}
          </Button>
          {confirmingDisconnect ? (
            <span
              role="group"
              aria-label="Confirm disconnect"
              className="inline-flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-2 py-1 text-sm text-red-800"
            >
              {`Delete the key from Signalboard?${text.disconnectWarning ? ` ${text.disconnectWarning}` : ""}`}
              <Button variant="danger" onClick={disconnect} pending={run.pending}>
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

      {canWrite && (!view.hasKey || replacing) ? (
        <IntegrationKeyForm
          text={text.keyForm}
          replacing={view.hasKey}
          connect={actions.connect}
          onSaved={(outcome) => {
            setNotice(actions.outcomeNotice(outcome));
            setReplacing(false);
          }}
        />
      ) : null}

      {!canWrite ? (
        <p className="text-sm text-slate-600">
          Read-only: only the shop&apos;s staff can change the {text.label} connection.
        </p>
      ) : null}
    </div>
  );
}
