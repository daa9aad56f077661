import type { DeliverDueResult } from "./deliver-due";

/**
 * The soonest a drain schedules its shop's next wake-up: by then the run that scheduled it has ended (on Inngest a
 * wake-up that arrives while the shop's drainer still runs is skipped).
 */
export const MIN_WAKE_DELAY_MS = 10_000;
// Inngest delays an event up to seven days on its smallest plan: a row due later is looked at again before that.
const MAX_WAKE_DELAY_MS = 6 * 24 * 60 * 60_000;

/**
 * When a shop's drainer must run again after a drain ended with `result`, or null when nothing will come due on
 * its own (a paused shop is woken by whatever resumes it; new rows wake the drainer when they are queued):
 * - at the next row's due time (a reminder, a retry's backoff, a text held through quiet hours);
 * - at once (MIN_WAKE_DELAY_MS) when rows were left due (the run's step budget ran out) or when the drain
 *   `changed` rows: a busy queue is looked at once more after the run, for wake-ups skipped while it ended.
 */
export function nextQueueWake(result: DeliverDueResult, changed: boolean, now: number): Date | null {
  if (result.paused) return null;
  const candidates = [
    ...(result.remaining > 0 || changed ? [now] : []),
    ...(result.nextDueAt ? [new Date(result.nextDueAt).getTime()] : []),
  ];
  if (candidates.length === 0) return null;
  const at = Math.min(Math.max(Math.min(...candidates), now + MIN_WAKE_DELAY_MS), now + MAX_WAKE_DELAY_MS);
  return new Date(at);
}
