import { prisma } from "@/lib/db/prisma";

/** A restock with at most this many waiting customers is planned ahead of bigger ones. */
export const SMALL_RESTOCK_WAITING = 100;

/** Seconds of queue a small restock's fan-out goes ahead by: past every bigger plan queued in the last minute. */
export const SMALL_RESTOCK_PRIORITY_S = 60;

/**
 * The fan-out priority of a restock of this variant: shortest plan first. Planning a handful of alerts takes a
 * moment, planning thousands takes seconds, and a holiday restock queues many big plans at once: behind them a small
 * restock's first alert waited 4–7 s (bench/many-shops.ts); ahead of them a big plan waits a moment more, nothing
 * beside the minute its own sends take. Counts no further than the threshold (an index range of the waitlist).
 */
export async function restockPriority(shopId: string, variantId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM (
      SELECT 1 FROM "WaitlistEntry"
       WHERE "shopId" = ${shopId} AND "variantId" = ${variantId} AND status = 'WAITING'
       LIMIT ${SMALL_RESTOCK_WAITING + 1}) AS waiting`;
  return (row?.waiting ?? 0) <= SMALL_RESTOCK_WAITING ? SMALL_RESTOCK_PRIORITY_S : 0;
}
