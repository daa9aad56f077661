import { prisma } from "@/lib/db/prisma";
import type { SyncStatus } from "@/lib/generated/prisma/client";
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
  /** Most entries per call. Default 200. */
  limit?: number;
};

export type RetrySubscriberSyncsResult = { attempted: number; synced: number; pending: number; failed: number; notNeeded: number };

/**
 * The sweeper for Postscript subscriber syncs: re-runs syncSubscriber for PENDING entries (a lost Inngest event,
 * retries exhausted during an outage, the demo's in-process runs) of installed shops, oldest first, one shop's
 * entries after another. Once Postscript fails a shop with a passing error, that shop's remaining entries wait
 * for the next sweep instead of hammering it. Never throws for a sync failure; each outcome is on the entry.
 */
export async function retryPendingSubscriberSyncs(
  shopId?: string,
  options: RetrySubscriberSyncsOptions = {},
): Promise<RetrySubscriberSyncsResult> {
  const statuses: SyncStatus[] = options.includeFailed ? ["PENDING", "FAILED"] : ["PENDING"];
  const entries = await prisma.waitlistEntry.findMany({
    where: {
      ...(shopId ? { shopId } : {}),
      postscriptSync: { in: statuses },
      phone: { not: null },
      updatedAt: { lte: new Date(Date.now() - (options.minAgeMs ?? 120_000)) },
      shop: { uninstalledAt: null },
    },
    orderBy: { updatedAt: "asc" },
    take: options.limit ?? 200,
    select: { id: true, shopId: true, postscriptSync: true },
  });

  const result: RetrySubscriberSyncsResult = { attempted: 0, synced: 0, pending: 0, failed: 0, notNeeded: 0 };
  const pausedShops = new Set<string>();
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
    } catch (error) {
      result.pending++;
      if (error instanceof PostscriptError) pausedShops.add(entry.shopId);
      else console.error(`[waitlist] sync of entry ${entry.id} failed:`, error instanceof Error ? error.message : error);
    }
  }
  return result;
}
