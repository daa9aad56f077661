import { prisma } from "@/lib/db/prisma";
import { markWebhookFailed, processShopifyWebhook, WEBHOOK_MAX_ATTEMPTS } from "./process-shopify-webhook";
import { STALE_UNPROCESSED_MS } from "./receive-shopify-webhook";

/** The pause after a failed attempt before the sweep tries again: doubling from 10 minutes, at most 6 hours. */
export function webhookRetryPauseMs(attempts: number): number {
  return Math.min(STALE_UNPROCESSED_MS * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/**
 * Stored webhooks that are neither processed nor failed for good and are due another try: never attempted for
 * longer than a hand-off takes (the queue lost it, the process died), or failed and past their pause.
 */
export async function findWebhooksToRetry(
  now: Date = new Date(),
  limit = 100,
): Promise<{ id: string; attempts: number }[]> {
  const settled = new Date(now.getTime() - STALE_UNPROCESSED_MS);
  const candidates = await prisma.webhookEvent.findMany({
    where: {
      processedAt: null,
      failedAt: null,
      OR: [{ lastAttemptAt: null, receivedAt: { lt: settled } }, { lastAttemptAt: { lt: settled } }],
    },
    select: { id: true, attempts: true, lastAttemptAt: true },
    orderBy: { receivedAt: "asc" },
    take: limit * 5,
  });
  return candidates
    .filter(
      (event) =>
        !event.lastAttemptAt || event.lastAttemptAt.getTime() + webhookRetryPauseMs(event.attempts) <= now.getTime(),
    )
    .slice(0, limit)
    .map(({ id, attempts }) => ({ id, attempts }));
}

/**
 * The safety net behind Inngest's retries (and the only retry in the demo, where webhooks are processed in
 * the app process): processes every stored webhook due another try, one at a time. One whose attempts are
 * used up is marked failed, which puts it on the merchant's Overview and the support console.
 */
export async function sweepUnprocessedWebhooks(now: Date = new Date()): Promise<{ processed: number; failed: number }> {
  let processed = 0;
  let failed = 0;
  for (const event of await findWebhooksToRetry(now)) {
    if (event.attempts >= WEBHOOK_MAX_ATTEMPTS) {
      await markWebhookFailed(event.id, "Gave up after every retry; the last attempt did not finish.");
      failed++;
      continue;
    }
    try {
      await processShopifyWebhook(event.id);
      processed++;
    } catch {
      // processShopifyWebhook kept the reason on the row (and marked it failed when that was the last try).
      failed++;
    }
  }
  return { processed, failed };
}
