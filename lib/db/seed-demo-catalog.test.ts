import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { DEMO_CATALOG } from "@/lib/shopify/demo-catalog";
import { createShop } from "@/lib/testing/fixtures";
import { seedDemoCatalog } from "./seed-demo-catalog";

const snapshot = (shopId: string) =>
  Promise.all([
    prisma.product.findMany({ where: { shopId }, orderBy: { shopifyProductId: "asc" } }),
    prisma.variant.findMany({ where: { shopId }, orderBy: { shopifyVariantId: "asc" } }),
    prisma.inventoryLevel.findMany({ where: { shopId }, orderBy: { inventoryItemId: "asc" } }),
  ]);

describe("seedDemoCatalog", () => {
  it("creates 6 published products and 15 variants with inventory items, stock levels, sold-out variants and one preorder", async () => {
    const shop = await createShop();
    expect(await seedDemoCatalog(prisma, shop.id)).toEqual({
      products: 6,
      variants: 15,
      created: { products: 6, variants: 15 },
    });
    const [products, variants, levels] = await snapshot(shop.id);
    expect(products).toHaveLength(6);
    expect(products.every((p) => p.published && p.handle)).toBe(true);
    // Each picture is a file the app serves itself: nothing in the demo waits on Shopify's CDN.
    for (const p of products) expect(existsSync(path.join("public", p.imageUrl!)), p.imageUrl!).toBe(true);
    expect(variants).toHaveLength(15);
    expect(new Set(variants.map((v) => v.inventoryItemId)).size).toBe(15);
    expect(levels.map((l) => [l.inventoryItemId, l.available])).toEqual(
      variants.map((v) => [v.inventoryItemId, v.available]),
    );
    expect(variants.filter((v) => v.available === 0 && !v.preorder).map((v) => v.shopifyVariantId)).toEqual([
      "46211000000012",
      "46211000000022",
      "46211000000043",
      "46211000000052",
    ]);
    expect(
      variants.filter((v) => v.preorder).map((v) => [v.shopifyVariantId, v.title, v.shippingTimeline, v.available]),
    ).toEqual([["46211000000042", "Medium", "Ships by December 15", 0]]);
  });

  it("is idempotent and keeps what changed since (stock from webhooks, settings by hand)", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    await prisma.variant.update({
      where: { shopId_shopifyVariantId: { shopId: shop.id, shopifyVariantId: "46211000000012" } },
      data: { available: 9 },
    });
    const before = await snapshot(shop.id);
    expect(await seedDemoCatalog(prisma, shop.id)).toEqual({
      products: 6,
      variants: 15,
      created: { products: 0, variants: 0 },
    });
    expect(await snapshot(shop.id)).toEqual(before);
  });

  it("seeds each shop separately", async () => {
    const [a, b] = [await createShop(), await createShop()];
    await seedDemoCatalog(prisma, a.id);
    await seedDemoCatalog(prisma, b.id);
    expect(await prisma.variant.count({ where: { shopId: b.id } })).toBe(
      DEMO_CATALOG.flatMap((p) => p.variants).length,
    );
  });
});
