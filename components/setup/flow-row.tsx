"use client";

import { Button } from "@/components/ui/button";
import { useAction } from "@/lib/actions/use-action";
import { confirmFlowAction, sendTestEventAction } from "@/lib/setup/flow-actions";
import type { FlowRowView } from "@/lib/setup/get-flow-rows";
import { CopyButton } from "./copy-button";
import { FlowCheckMark } from "./flow-check-mark";
import { FlowTime } from "./flow-time";

/**
 * One event type in step 4: the exact trigger name to pick in Postscript, its merge tags, "Send test event" and
 * "I've created the Flow". With `blockedReasonId` (the id of the list's read-only / not connected notice) both are
 * disabled and point to that reason.
 */
export function FlowRow({
  shopId,
  row,
  blockedReasonId,
  timeZone,
}: {
  shopId: string;
  row: FlowRowView;
  blockedReasonId: string | null;
  timeZone: string;
}) {
  const send = useAction(sendTestEventAction);
  const confirm = useAction(confirmFlowAction);
  const sendNotice = send.data
    ? { text: send.data.message, good: send.data.status === "ACCEPTED" }
    : send.error
      ? { text: send.error, good: false }
      : null;
  const disabled = blockedReasonId !== null;
  const describedBy = blockedReasonId ?? undefined;
  const titleId = `flow-${row.type}-title`;

  return (
    <li id={`flow-${row.type}`} aria-labelledby={titleId} className="flex scroll-mt-6 gap-4 py-5 first:pt-0 last:pb-0">
      <FlowCheckMark done={row.done} name={row.displayName} />
      <div className="min-w-0 flex-1 space-y-3">
        <div>
          <h3 id={titleId} className="text-base font-semibold text-slate-900">
            {row.displayName}
          </h3>
          <p className="text-sm text-slate-600">
            <span className="font-medium text-slate-700">When it fires:</span> {row.when}
          </p>
        </div>

        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">Trigger to pick in Postscript:</span>
          <code className="select-all rounded-md bg-slate-100 px-2 py-1 font-mono text-[13px] text-slate-900 ring-1 ring-inset ring-slate-200">
            {row.type}
          </code>
          <CopyButton text={row.type} label={`Copy event name ${row.type}`} />
        </div>

        <details className="group rounded-md text-sm">
          <summary className="w-fit cursor-pointer rounded-md font-medium text-brand-700 hover:text-brand-600">
            Event properties (merge tags) · {row.properties.length}
          </summary>
          <p className="mt-2 text-xs text-slate-600">
            Each event carries these properties. In Postscript&apos;s message editor, insert them with the Merge Tags
            icon; the sample is what the test event sends.
          </p>
          <div className="relative mt-2 overflow-x-auto rounded-md ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-left text-xs">
              <thead className="bg-slate-50 font-semibold text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Merge tag
                  </th>
                  <th scope="col" className="px-3 py-2">
                    What it is
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Sample
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {row.properties.map((p) => (
                  <tr key={p.name}>
                    <td className="whitespace-nowrap px-3 py-1.5 font-mono text-slate-900">{`{{ ${p.name} }}`}</td>
                    <td className="px-3 py-1.5 text-slate-700">{p.description}</td>
                    <td className="max-w-xs truncate px-3 py-1.5 text-slate-600" title={String(p.sample)}>
                      {String(p.sample)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>

        <div className="grid gap-4 rounded-lg bg-slate-50 p-3 sm:grid-cols-2">
          <div className="space-y-2">
            <SubStepTitle done={row.testAccepted}>1. Register the trigger</SubStepTitle>
            <Button
              variant={row.testAccepted ? "secondary" : "primary"}
              onClick={() => send.execute({ shopId, eventType: row.type })}
              pending={send.pending}
              disabled={disabled}
              aria-label={`Send test event for ${row.displayName}`}
              aria-describedby={describedBy}
            >
              {send.pending ? "Sending…" : "Send test event"}
            </Button>
            {sendNotice ? (
              <p
                role={sendNotice.good ? "status" : "alert"}
                className={`text-sm ${sendNotice.good ? "text-emerald-800" : "text-red-700"}`}
              >
                {sendNotice.text}
              </p>
            ) : null}
            <TestSummary row={row} justSent={sendNotice !== null} timeZone={timeZone} />
          </div>

          <div className="space-y-2">
            <SubStepTitle done={row.confirmation !== null}>2. Create the Flow in Postscript</SubStepTitle>
            {row.confirmation ? (
              <p className="text-sm text-emerald-800">
                Confirmed by {row.confirmation.by} on <FlowTime iso={row.confirmation.at} timeZone={timeZone} />.{" "}
                <button
                  type="button"
                  onClick={() => confirm.execute({ shopId, eventType: row.type, confirmed: false })}
                  disabled={disabled || confirm.pending}
                  aria-label={`Undo: mark the Flow for ${row.displayName} as not created`}
                  aria-describedby={describedBy}
                  className="rounded px-1 font-medium text-slate-600 underline underline-offset-2 hover:text-slate-900 disabled:cursor-not-allowed disabled:no-underline disabled:opacity-60"
                >
                  Undo
                </button>
              </p>
            ) : (
              <>
                <Button
                  variant="secondary"
                  onClick={() => confirm.execute({ shopId, eventType: row.type, confirmed: true })}
                  pending={confirm.pending}
                  disabled={disabled}
                  aria-label={`I've created the Flow for ${row.displayName}`}
                  aria-describedby={describedBy}
                >
                  I&apos;ve created the Flow
                </Button>
                {!row.testAccepted ? (
                  <p className="text-xs text-slate-500">
                    Send the test event first: the trigger only appears in Postscript after it.
                  </p>
                ) : null}
              </>
            )}
            {confirm.error ? (
              <p role="alert" className="text-sm text-red-700">
                {confirm.error}
              </p>
            ) : null}
          </div>
        </div>
      </div>
    </li>
  );
}

/** A half of the row's checkmark, marked done on its own so the merchant sees which half is missing. */
function SubStepTitle({ done, children }: { done: boolean; children: string }) {
  return (
    <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
      {children}
      {done ? (
        <span className="rounded-full bg-emerald-100 px-1.5 py-px text-[11px] normal-case tracking-normal text-emerald-800">
          Done
        </span>
      ) : null}
    </p>
  );
}

/** What the last test did, and whether Postscript already knows the trigger from an earlier one. */
function TestSummary({ row, justSent, timeZone }: { row: FlowRowView; justSent: boolean; timeZone: string }) {
  const test = row.lastTest;
  // Until the refreshed row arrives, the notice above is the news: "not sent yet" would contradict it.
  if (!test) return justSent ? null : <p className="text-xs text-slate-500">No test event sent yet.</p>;
  const showError = !justSent;
  return (
    <div className="space-y-1 text-xs text-slate-600">
      <p>
        Last test {test.status === "ACCEPTED" ? "accepted" : "failed"} <FlowTime iso={test.at} timeZone={timeZone} />
        {test.by ? ` by ${test.by}` : ""}
        {showError && test.error ? `: ${test.error}` : "."}
      </p>
      {test.status === "FAILED" && row.testAccepted ? (
        <p>An earlier test was accepted, so the trigger is already in Postscript.</p>
      ) : null}
    </div>
  );
}
