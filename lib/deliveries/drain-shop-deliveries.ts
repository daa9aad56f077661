import { deliverDue, type DeliverDueOptions, type DeliverDueResult } from "./deliver-due";

/**
 * Calls deliverDue for a shop until nothing is due soon or sending is paused; returns the totals. What the
 * per-shop delivery function does in steps, for in-process runs (the demo without an Inngest dev server).
 */
export async function drainShopDeliveries(shopId: string, options: DeliverDueOptions = {}): Promise<DeliverDueResult> {
  const total: DeliverDueResult = { sent: 0, unconfirmed: 0, retrying: 0, failed: 0, skipped: 0, remaining: 0, paused: null };
  for (;;) {
    const result = await deliverDue(shopId, options);
    total.sent += result.sent;
    total.unconfirmed += result.unconfirmed;
    total.retrying += result.retrying;
    total.failed += result.failed;
    total.skipped += result.skipped;
    total.remaining = result.remaining;
    total.paused = result.paused;
    if (result.paused || result.remaining === 0) return total;
  }
}
