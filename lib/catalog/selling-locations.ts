import { prisma } from "@/lib/db/prisma";

/**
 * The Shopify location ids whose stock counts for restocks: the merchant's choice per location in Settings, else
 * Shopify's "fulfils online orders". null when the shop's locations were never synced (every location counts then,
 * as before the first sync).
 */
export async function sellingLocationIds(shopId: string): Promise<Set<string> | null> {
  const locations = await prisma.location.findMany({
    where: { shopId },
    select: { shopifyLocationId: true, fulfillsOnlineOrders: true, sellsOnline: true },
  });
  if (locations.length === 0) return null;
  return new Set(locations.filter((l) => l.sellsOnline ?? l.fulfillsOnlineOrders).map((l) => l.shopifyLocationId));
}

/** A variant's stock for restock detection: the sum of `available` at the selling locations (all when null). */
export function sellingStock(
  levels: Iterable<[locationId: string, available: number]>,
  selling: Set<string> | null,
): number {
  let sum = 0;
  for (const [locationId, available] of levels) if (!selling || selling.has(locationId)) sum += available;
  return sum;
}
