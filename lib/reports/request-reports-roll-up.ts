import { runAfterResponse } from "@/lib/jobs/run-after-response";
import { sendJobEvent } from "@/lib/jobs/send-job-event";

/**
 * One request per process per `throttleMs`: the rollup reads every change since its last run, so one covers a
 * burst. A plain object so tests can shorten it.
 */
export const reportsRollUpRequestOptions = { throttleMs: 10_000 };

type Throttle = { lastSentAt: number; trailing: NodeJS.Timeout | undefined };
// Process-wide: Next loads route handlers and jobs as separate bundles.
const THROTTLE = Symbol.for("signalboard.reports-rollup-request");
const throttle = (): Throttle => {
  const holder = globalThis as { [THROTTLE]?: Throttle };
  return (holder[THROTTLE] ??= { lastSentAt: 0, trailing: undefined });
};

const send = () => sendJobEvent("reportsChanged", {});

/**
 * Asks for the reports rollup (roll-up-changed-reports, debounced) after a change to what the reports count that
 * no delivery run reports (a signup, a click, an order, an order edit). A hint, sent after the response: at most
 * one per `throttleMs` per process, plus one at the end of that window when more changes came in it; one lost is
 * caught up by the 15-minute rollup (roll-up-reports). Not a step of the job that made the change (a webhook's):
 * Inngest bills per step, and a step per webhook would double what webhooks cost for a hint.
 */
export function requestReportsRollUp(): void {
  const state = throttle();
  const wait = state.lastSentAt + reportsRollUpRequestOptions.throttleMs - Date.now();
  if (wait <= 0) {
    state.lastSentAt = Date.now();
    runAfterResponse(send, "reports rollup request");
    return;
  }
  if (state.trailing) return;
  state.trailing = setTimeout(() => {
    state.trailing = undefined;
    state.lastSentAt = Date.now();
    void send().catch((error: unknown) => {
      console.error("[reports] rollup request failed:", error instanceof Error ? error.message : error);
    });
  }, wait);
  state.trailing.unref();
}
