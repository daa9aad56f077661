import { prisma } from "@/lib/db/prisma";
import { planRestock } from "./plan-restock";

/** A restock unplanned for this long lost its hand-off (the event was not sent, the process died): the sweep plans it. */
export const STALLED_RESTOCK_MS = 2 * 60_000;

/** Plans restocks whose fan-out never started; returns their shops (which then have rows to send). */
export async function planStalledRestocks(
  olderThanMs = STALLED_RESTOCK_MS,
  scope: { shopIds?: string[] } = {},
): Promise<string[]> {
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
