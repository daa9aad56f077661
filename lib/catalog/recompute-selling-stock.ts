import { prisma } from "@/lib/db/prisma";
import { applyVariantStock } from "@/lib/restock/apply-variant-stock";
import { sellingLocationIds, sellingStock } from "./selling-locations";

/**
 * Gives every variant of the shop the stock of its now-selling locations (after the merchant changed which
 * locations sell online). Changed variants go through the restock engine: stock newly counted online is a
 * restock for the customers waiting. Returns how many variants changed.
 */
export async function recomputeSellingStock(shopId: string): Promise<number> {
  const selling = await sellingLocationIds(shopId);
  const levels = await prisma.inventoryLevel.findMany({
    where: { shopId },
    select: { inventoryItemId: true, locationId: true, available: true },
  });
  const byItem = new Map<string, [string, number][]>();
  for (const l of levels) {
    if (!byItem.has(l.inventoryItemId)) byItem.set(l.inventoryItemId, []);
    byItem.get(l.inventoryItemId)!.push([l.locationId, l.available]);
  }
  const variants = await prisma.variant.findMany({
    where: { shopId, inventoryItemId: { not: null } },
    select: { id: true, inventoryItemId: true, available: true },
  });
  let changed = 0;
  for (const variant of variants) {
    const stock = sellingStock(byItem.get(variant.inventoryItemId!) ?? [], selling);
    if (stock === variant.available) continue;
    await applyVariantStock(variant.id, stock);
    changed++;
  }
  return changed;
}
