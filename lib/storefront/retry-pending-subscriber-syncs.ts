import { prisma } from "@/lib/db/prisma";
import type { Prisma, SyncStatus } from "@/lib/generated/prisma/client";
import { sleep } from "@/lib/deliveries/send-slot-limiter";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { syncSubscriber } from "./sync-subscriber";

export type RetrySubscriberSyncsOptions = {
  /**
   * Also retry FAILED entries (attempts restart at 0). For after the merchant fixed the cause — chose a keyword,
   * verified a key, enabled the integration — not for a periodic sweep, which would repeat refused requests.
   */
  includeFailed?: boolean;
  /** Leave entries touched more recently than this alone: their own Inngest run may still be retrying. Default 2 min. */
  minAgeMs?: number;
  /** Most entries per call. Default 500 (at a key's pace of 15/s, about a minute of syncs). */
  limit?: number;
  /** First backoff after a 429 (doubling, capped at 30 s); default 1 s. */
  rateLimitBackoffMs?: number;
};

const MAX_RATE_LIMIT_BACKOFF_MS = 30_000;

export type RetrySubscriberSyncsResult = {
  attempted: number;
  synced: number;
  pending: number;
  failed: number;
  notNeeded: number;
};

function syncsToRetry(shopId: string | undefined, options: RetrySubscriberSyncsOptions) {
  const statuses: SyncStatus[] = options.includeFailed ? ["PENDING", "FAILED"] : ["PENDING"];
  return {
    ...(shopId ? { shopId } : {}),
    postscriptSync: { in: statuses },
    phone: { not: null },
    updatedAt: { lte: new Date(Date.now() - (options.minAgeMs ?? 120_000)) },
    shop: { uninstalledAt: null },
  } satisfies Prisma.WaitlistEntryWhereInput;
}

/** Whether the periodic sweep has a sync to re-run (a cheap look, so an idle sweep costs one query). */
export async function hasSubscriberSyncsToRetry(): Promise<boolean> {
  return (await prisma.waitlistEntry.findFirst({ where: syncsToRetry(undefined, {}), select: { id: true } })) !== null;
}

/**
 * The sweeper for Postscript subscriber syncs: re-runs syncSubscriber for PENDING entries (a lost Inngest event,
 * retries exhausted during an outage, the demo's in-process runs) of installed shops, oldest first, one shop's
 * entries after another, each request in the key's shared budget. A 429 (another user of the key took the budget)
 * backs off, doubling, and carries on with the same shop; once Postscript fails a shop otherwise (an outage), that
 * shop's remaining entries wait for the next sweep instead of hammering it. Never throws for a sync failure; each
 * outcome is on the entry.
 */
export async function retryPendingSubscriberSyncs(
  shopId?: string,
  options: RetrySubscriberSyncsOptions = {},
): Promise<RetrySubscriberSyncsResult> {
  const entries = await prisma.waitlistEntry.findMany({
    where: syncsToRetry(shopId, options),
    orderBy: { updatedAt: "asc" },
    take: options.limit ?? 500,
    select: { id: true, shopId: true, postscriptSync: true },
  });

  const result: RetrySubscriberSyncsResult = { attempted: 0, synced: 0, pending: 0, failed: 0, notNeeded: 0 };
  const pausedShops = new Set<string>();
  const firstBackoff = options.rateLimitBackoffMs ?? 1_000;
  let backoff = firstBackoff;
  for (const entry of entries) {
    if (pausedShops.has(entry.shopId)) continue;
    if (entry.postscriptSync === "FAILED") {
      await prisma.waitlistEntry.updateMany({
        where: { id: entry.id, postscriptSync: "FAILED" },
        data: { postscriptSync: "PENDING", postscriptSyncAttempts: 0 },
      });
    }
    result.attempted++;
    try {
      const outcome = await syncSubscriber(entry.id);
      if (outcome.status === "SYNCED") result.synced++;
      else if (outcome.status === "FAILED") result.failed++;
      else if (outcome.status === "NOT_NEEDED") result.notNeeded++;
      else result.pending++;
      backoff = firstBackoff;
    } catch (error) {
      result.pending++;
      if (error instanceof PostscriptError && error.kind === "rate_limited") {
        await sleep(Math.max(error.retryAfterMs ?? 0, backoff));
        backoff = Math.min(MAX_RATE_LIMIT_BACKOFF_MS, backoff * 2);
      } else if (error instanceof PostscriptError) pausedShops.add(entry.shopId);
      else
        console.error(`[waitlist] sync of entry ${entry.id} failed:`, error instanceof Error ? error.message : error);
    }
  }
  return result;
}
