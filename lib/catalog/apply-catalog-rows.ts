import { prisma } from "@/lib/db/prisma";
import { applyVariantStock } from "@/lib/restock/apply-variant-stock";
import type { CatalogRow } from "./parse-shopify-variant";
import { sellingStock } from "./selling-locations";

/** What a sync found different from Shopify and corrected (a reconciliation's record of missed webhooks). */
export type CatalogFixes = {
  productsCreated: number;
  productsUpdated: number;
  variantsCreated: number;
  variantsUpdated: number;
  variantsDeleted: number;
  stockCorrected: number;
  levelsCorrected: number;
  restocks: number;
  /** A few of the corrections, for the audit trail: "variant 123: stock 0 → 5". */
  sample: string[];
};

export const emptyFixes = (): CatalogFixes => ({
  productsCreated: 0,
  productsUpdated: 0,
  variantsCreated: 0,
  variantsUpdated: 0,
  variantsDeleted: 0,
  stockCorrected: 0,
  levelsCorrected: 0,
  restocks: 0,
  sample: [],
});

const SAMPLE_SIZE = 20;
const note = (fixes: CatalogFixes, text: string) => {
  if (fixes.sample.length < SAMPLE_SIZE) fixes.sample.push(text);
};

const productKeys = ["title", "handle", "vendor", "productType", "imageUrl", "published"] as const;
const variantKeys = ["inventoryItemId", "title", "sku", "price", "compareAtPrice", "imageUrl"] as const;

/**
 * Writes one batch of variants read from Shopify into the catalog: products, variants and per-location levels are
 * created or corrected (our own settings such as preorder are never touched), and a known variant whose stock
 * differs goes through the restock engine, so a stock rise missed by webhooks is still a restock (once). New
 * variants simply take their stock. Each write is its own statement: nothing holds a transaction across batches.
 * Adds what it changed to `fixes`.
 */
export async function applyCatalogRows(
  shopId: string,
  rows: CatalogRow[],
  selling: Set<string> | null,
  syncedAt: Date,
  fixes: CatalogFixes,
): Promise<void> {
  if (rows.length === 0) return;

  const products = new Map(rows.map((r) => [r.product.shopifyProductId, r.product]));
  const knownProducts = await prisma.product.findMany({
    where: { shopId, shopifyProductId: { in: [...products.keys()] } },
  });
  const productIds = new Map(knownProducts.map((p) => [p.shopifyProductId, p.id]));
  for (const known of knownProducts) {
    const fresh = products.get(known.shopifyProductId)!;
    if (productKeys.some((k) => known[k] !== fresh[k])) {
      await prisma.product.update({ where: { id: known.id }, data: fresh });
      fixes.productsUpdated++;
    }
  }
  const newProducts = [...products.values()].filter((p) => !productIds.has(p.shopifyProductId));
  if (newProducts.length) {
    await prisma.product.createMany({ data: newProducts.map((p) => ({ shopId, ...p })), skipDuplicates: true });
    fixes.productsCreated += newProducts.length;
    const created = await prisma.product.findMany({
      where: { shopId, shopifyProductId: { in: newProducts.map((p) => p.shopifyProductId) } },
      select: { id: true, shopifyProductId: true },
    });
    for (const p of created) productIds.set(p.shopifyProductId, p.id);
  }

  const knownVariants = new Map(
    (
      await prisma.variant.findMany({
        where: { shopId, shopifyVariantId: { in: rows.map((r) => r.variant.shopifyVariantId) } },
      })
    ).map((v) => [v.shopifyVariantId, v]),
  );
  const stockChanges: { variantId: string; available: number }[] = [];
  const created: CatalogRow[] = [];
  for (const row of rows) {
    const known = knownVariants.get(row.variant.shopifyVariantId);
    const productId = productIds.get(row.product.shopifyProductId)!;
    const stock = sellingStock(row.levels, selling);
    if (!known) {
      created.push(row);
      continue;
    }
    if (known.productId !== productId || variantKeys.some((k) => known[k] !== row.variant[k])) {
      await prisma.variant.update({ where: { id: known.id }, data: { ...row.variant, productId } });
      fixes.variantsUpdated++;
      note(fixes, `variant ${row.variant.shopifyVariantId}: details updated`);
    }
    if (known.available !== stock) {
      stockChanges.push({ variantId: known.id, available: stock });
      fixes.stockCorrected++;
      note(fixes, `variant ${row.variant.shopifyVariantId}: stock ${known.available} → ${stock}`);
    }
  }
  if (created.length) {
    await prisma.variant.createMany({
      data: created.map((row) => ({
        shopId,
        productId: productIds.get(row.product.shopifyProductId)!,
        ...row.variant,
        available: sellingStock(row.levels, selling),
        lastSyncedAt: syncedAt,
      })),
      skipDuplicates: true,
    });
    fixes.variantsCreated += created.length;
  }
  if (knownVariants.size) {
    await prisma.variant.updateMany({
      where: { id: { in: [...knownVariants.values()].map((v) => v.id) } },
      data: { lastSyncedAt: syncedAt },
    });
  }

  await applyLevels(shopId, rows, fixes);

  // After the catalog writes: the engine takes the variant's row lock to decide "restock or not".
  for (const change of stockChanges) {
    const { restockId } = await applyVariantStock(change.variantId, change.available);
    if (restockId) fixes.restocks++;
  }
}

/** Makes the stored levels of these rows' inventory items exactly Shopify's (created, corrected, removed). */
async function applyLevels(shopId: string, rows: CatalogRow[], fixes: CatalogFixes): Promise<void> {
  const items = rows.map((r) => r.variant.inventoryItemId);
  const stored = await prisma.inventoryLevel.findMany({
    where: { shopId, inventoryItemId: { in: items } },
    select: { id: true, inventoryItemId: true, locationId: true, available: true },
  });
  const storedByKey = new Map(stored.map((l) => [`${l.inventoryItemId}:${l.locationId}`, l]));
  const fresh = new Map<string, { inventoryItemId: string; locationId: string; available: number }>();
  for (const row of rows) {
    for (const [locationId, available] of row.levels)
      fresh.set(`${row.variant.inventoryItemId}:${locationId}`, {
        inventoryItemId: row.variant.inventoryItemId,
        locationId,
        available,
      });
  }
  const toCreate = [...fresh].filter(([key]) => !storedByKey.has(key)).map(([, level]) => ({ shopId, ...level }));
  if (toCreate.length) await prisma.inventoryLevel.createMany({ data: toCreate, skipDuplicates: true });
  const hadAny = new Set(stored.map((l) => l.inventoryItemId));
  // A level created for an item we already tracked elsewhere is a missed webhook; a brand-new item is not.
  fixes.levelsCorrected += toCreate.filter((l) => hadAny.has(l.inventoryItemId)).length;
  for (const [key, level] of storedByKey) {
    const want = fresh.get(key);
    if (!want) {
      await prisma.inventoryLevel.delete({ where: { id: level.id } });
      fixes.levelsCorrected++;
    } else if (want.available !== level.available) {
      await prisma.inventoryLevel.update({ where: { id: level.id }, data: { available: want.available } });
      fixes.levelsCorrected++;
    }
  }
}
