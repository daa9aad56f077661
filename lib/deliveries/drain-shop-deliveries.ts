import { deliverDue, type DeliverDueOptions, type DeliverDueResult } from "./deliver-due";

/** Runs one pass of the drain; a job passes its step runner so each pass is a retry-safe step of its own. */
export type DrainStepRunner = (id: string, pass: () => Promise<DeliverDueResult>) => Promise<DeliverDueResult>;

const inline: DrainStepRunner = (_id, pass) => pass();

/**
 * The drain of one shop's delivery queue: calls deliverDue (pass `deliver-1`, `deliver-2`, …) until nothing is due
 * soon, sending is paused, or `maxPasses` passes ran; returns the totals and how many passes it took. The shop's
 * drainer job (inngest/functions/deliver-shop-queue) runs it with its step runner; tests and scripts run it inline.
 */
export async function drainShopDeliveries(
  shopId: string,
  options: DeliverDueOptions = {},
  runPass: DrainStepRunner = inline,
  maxPasses = Number.POSITIVE_INFINITY,
): Promise<DeliverDueResult & { passes: number }> {
  const total: DeliverDueResult = {
    sent: 0,
    unconfirmed: 0,
    retrying: 0,
    failed: 0,
    skipped: 0,
    remaining: 0,
    paused: null,
    nextDueAt: null,
  };
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    const result = await runPass(`deliver-${passes}`, () => deliverDue(shopId, options));
    total.sent += result.sent;
    total.unconfirmed += result.unconfirmed;
    total.retrying += result.retrying;
    total.failed += result.failed;
    total.skipped += result.skipped;
    total.remaining = result.remaining;
    total.paused = result.paused;
    total.nextDueAt = result.nextDueAt;
    if (result.paused || result.remaining === 0) break;
  }
  return { ...total, passes };
}
