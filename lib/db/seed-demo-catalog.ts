// Relative imports: this module also runs from tsx scripts (prisma/seed.ts, lib/dev/start.ts).
import type { PrismaClient } from "../generated/prisma/client";
import { DEMO_CATALOG, DEMO_LOCATION } from "../shopify/demo-catalog";

export type SeedDemoCatalogResult = {
  products: number;
  variants: number;
  created: { products: number; variants: number };
};

/**
 * Gives a demo shop the Northwind outdoor-apparel catalog (lib/shopify/demo-catalog.ts): products, variants with
 * inventory item ids, one location's stock levels (some sold out) and one preorder variant with its shipping
 * timeline. Idempotent: existing rows are left as they are, so stock changed by webhooks or settings changed by
 * hand survive a restart; only missing rows are created.
 */
export async function seedDemoCatalog(prisma: PrismaClient, shopId: string): Promise<SeedDemoCatalogResult> {
  const created = { products: 0, variants: 0 };
  let variants = 0;
  for (const p of DEMO_CATALOG) {
    const existing = await prisma.product.findUnique({
      where: { shopId_shopifyProductId: { shopId, shopifyProductId: p.shopifyProductId } },
    });
    const product =
      existing ??
      (await prisma.product.upsert({
        where: { shopId_shopifyProductId: { shopId, shopifyProductId: p.shopifyProductId } },
        create: {
          shopId,
          shopifyProductId: p.shopifyProductId,
          title: p.title,
          vendor: p.vendor,
          productType: p.productType,
          handle: p.handle,
          imageUrl: p.imageUrl,
          published: true,
        },
        update: {},
      }));
    if (!existing) created.products++;

    for (const v of p.variants) {
      variants++;
      const key = { shopId, shopifyVariantId: v.shopifyVariantId };
      if (await prisma.variant.findUnique({ where: { shopId_shopifyVariantId: key } })) continue;
      await prisma.variant.upsert({
        where: { shopId_shopifyVariantId: key },
        create: {
          ...key,
          productId: product.id,
          inventoryItemId: v.inventoryItemId,
          title: v.title,
          price: v.price,
          compareAtPrice: v.compareAtPrice,
          sku: v.sku,
          available: v.available,
          preorder: Boolean(v.preorder),
          shippingTimeline: v.preorder?.shippingTimeline ?? null,
        },
        update: {},
      });
      await prisma.inventoryLevel.upsert({
        where: {
          shopId_inventoryItemId_locationId: {
            shopId,
            inventoryItemId: v.inventoryItemId,
            locationId: DEMO_LOCATION.id,
          },
        },
        create: { shopId, inventoryItemId: v.inventoryItemId, locationId: DEMO_LOCATION.id, available: v.available },
        update: {},
      });
      created.variants++;
    }
  }
  return { products: DEMO_CATALOG.length, variants, created };
}
