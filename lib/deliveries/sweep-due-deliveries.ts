import { prisma } from "@/lib/db/prisma";
import { planRestock } from "@/lib/restock/plan-restock";
import { defaultStaleAfterMs } from "./resolve-stale-claims";

/** A restock unplanned for this long lost its hand-off (dispatch failed, process died): the sweeper plans it. */
export const STALLED_RESTOCK_MS = 2 * 60_000;

type Scope = { shopIds?: string[] };

/** Installed shops with deliveries due now (sends, retries, reminders) or claims left by a dead process. */
export async function findShopsWithDueDeliveries(scope: Scope = {}): Promise<string[]> {
  const now = new Date();
  const rows = await prisma.delivery.groupBy({
    by: ["shopId"],
    where: {
      shop: { uninstalledAt: null },
      ...(scope.shopIds ? { shopId: { in: scope.shopIds } } : {}),
      OR: [
        { status: { in: ["PENDING", "RETRYING"] }, nextAttemptAt: { lte: now } },
        { status: "SENDING", lastAttemptAt: { lt: new Date(now.getTime() - defaultStaleAfterMs()) } },
      ],
    },
  });
  return rows.map((row) => row.shopId);
}

/** Plans restocks whose fan-out never started; returns their shops (which then have rows to send). */
export async function planStalledRestocks(olderThanMs = STALLED_RESTOCK_MS, scope: Scope = {}): Promise<string[]> {
  const stalled = await prisma.restock.findMany({
    where: {
      plannedAt: null,
      createdAt: { lt: new Date(Date.now() - olderThanMs) },
      shop: { uninstalledAt: null },
      ...(scope.shopIds ? { shopId: { in: scope.shopIds } } : {}),
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  const shops = new Set<string>();
  for (const { id } of stalled) shops.add((await planRestock(id)).shopId);
  return [...shops];
}
