import { prisma } from "@/lib/db/prisma";
import { sellingLocationIds, sellingStock } from "@/lib/catalog/selling-locations";
import { applyVariantStock } from "@/lib/restock/apply-variant-stock";
import { retryOnUniqueConflict } from "./retry-on-unique-conflict";
import type { InventoryLevelPayload } from "./shopify-payload-schemas";

export type SyncInventoryLevelResult = {
  variants: { variantId: string; available: number; restockId: string | null }[];
};

/**
 * inventory_levels/update: stores the level of one inventory item at one location, then gives every variant of
 * that item the sum over the shop's selling locations (all of them before the first catalog sync) through the
 * restock engine. The other locations' levels were seeded by the catalog sync, so the sum is the real stock and
 * one crossing of the threshold is one restock however many locations report. A null `available` (the item is
 * no longer tracked there) removes that location's level.
 */
export async function syncInventoryLevel(
  shopId: string,
  payload: InventoryLevelPayload,
): Promise<SyncInventoryLevelResult> {
  const key = { shopId, inventoryItemId: payload.inventory_item_id, locationId: payload.location_id };
  if (payload.available === null) {
    await prisma.inventoryLevel.deleteMany({ where: key });
  } else {
    const available = payload.available;
    await retryOnUniqueConflict(() =>
      prisma.inventoryLevel.upsert({
        where: { shopId_inventoryItemId_locationId: key },
        create: { ...key, available },
        update: { available },
      }),
    );
  }

  const variants = await prisma.variant.findMany({
    where: { shopId, inventoryItemId: payload.inventory_item_id },
    select: { id: true },
  });
  if (variants.length === 0) return { variants: [] };
  const levels = await prisma.inventoryLevel.findMany({
    where: { shopId, inventoryItemId: payload.inventory_item_id },
    select: { locationId: true, available: true },
  });
  const total = sellingStock(
    levels.map((l) => [l.locationId, l.available]),
    await sellingLocationIds(shopId),
  );
  const results: SyncInventoryLevelResult["variants"] = [];
  for (const variant of variants) {
    const { restockId } = await applyVariantStock(variant.id, total);
    results.push({ variantId: variant.id, available: total, restockId });
  }
  return { variants: results };
}
