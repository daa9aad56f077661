import { prisma } from "@/lib/db/prisma";
import { applyVariantStock } from "@/lib/restock/apply-variant-stock";
import { retryOnUniqueConflict } from "./retry-on-unique-conflict";
import type { ProductPayload } from "./shopify-payload-schemas";

export type SyncProductResult = { productId: string; upserted: number; deleted: number; stockApplied: number };

/**
 * products/create and products/update: upserts the product and its variants into the local catalog and deletes
 * variants the payload no longer lists. A known variant's new `inventory_quantity` goes through the restock
 * engine (so a jump above the threshold is a restock); a variant seen for the first time simply takes it. Once the
 * shop's locations are synced, stock comes from inventory levels at selling locations instead (the payload's
 * `inventory_quantity` counts every location), so this leaves it alone.
 * Our own per-variant settings (preorder, shipping timeline) are never touched.
 */
export async function syncProduct(shopId: string, payload: ProductPayload): Promise<SyncProductResult> {
  const stockFromLevels = (await prisma.location.count({ where: { shopId } })) > 0;
  const published = (payload.status == null || payload.status === "active") && Boolean(payload.published_at);
  const fields = {
    title: payload.title,
    vendor: payload.vendor,
    productType: payload.product_type,
    handle: payload.handle,
    imageUrl: payload.image?.src ?? payload.images?.[0]?.src ?? null,
    published,
  };

  const { productId, toApply, upserted, deleted } = await retryOnUniqueConflict(() =>
    prisma.$transaction(async (tx) => {
      const product = await tx.product.upsert({
        where: { shopId_shopifyProductId: { shopId, shopifyProductId: payload.id } },
        create: { shopId, shopifyProductId: payload.id, ...fields },
        update: fields,
      });
      const toApply: { variantId: string; available: number }[] = [];
      if (!payload.variants) return { productId: product.id, toApply, upserted: 0, deleted: 0 };

      const ids = payload.variants.map((v) => v.id);
      const known = new Set(
        (
          await tx.variant.findMany({
            where: { shopId, shopifyVariantId: { in: ids } },
            select: { shopifyVariantId: true },
          })
        ).map((v) => v.shopifyVariantId),
      );
      for (const v of payload.variants) {
        const variantFields = {
          productId: product.id,
          title: v.title,
          price: v.price ?? "0.00",
          compareAtPrice: v.compare_at_price,
          sku: v.sku,
          ...(v.inventory_item_id ? { inventoryItemId: v.inventory_item_id } : {}),
        };
        const row = await tx.variant.upsert({
          where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: v.id } },
          create: { shopId, shopifyVariantId: v.id, ...variantFields, available: v.inventory_quantity ?? 0 },
          update: variantFields,
        });
        if (known.has(v.id) && typeof v.inventory_quantity === "number" && !stockFromLevels) {
          toApply.push({ variantId: row.id, available: v.inventory_quantity });
        }
      }
      const removed = await tx.variant.deleteMany({
        where: { shopId, productId: product.id, shopifyVariantId: { notIn: ids } },
      });
      return { productId: product.id, toApply, upserted: ids.length, deleted: removed.count };
    }),
  );

  // After the commit: the engine takes its own row lock to decide "restock or not".
  for (const { variantId, available } of toApply) await applyVariantStock(variantId, available);
  return { productId, upserted, deleted, stockApplied: toApply.length };
}
