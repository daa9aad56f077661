import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createShop } from "@/lib/testing/fixtures";
import { matchUpsellStrategy } from "./match-upsell-strategy";

type VariantSpec = { title?: string; price?: string; available?: number; preorder?: boolean };

/** A product with its variants; vendor and type default to the ones most tests share. */
async function product(
  shopId: string,
  title: string,
  options: { vendor?: string | null; productType?: string | null; published?: boolean; variants?: VariantSpec[] } = {},
) {
  const id = randomBytes(4).toString("hex");
  const variants = options.variants ?? [{ available: 5 }];
  return prisma.product.create({
    data: {
      shopId,
      shopifyProductId: `p${id}`,
      title,
      handle: `h-${id}`,
      imageUrl: `https://cdn.example/${id}.jpg`,
      vendor: options.vendor === undefined ? "Northwind" : options.vendor,
      productType: options.productType === undefined ? "Hats" : options.productType,
      published: options.published ?? true,
      variants: {
        create: variants.map((v, i) => ({
          shopId,
          shopifyVariantId: `${id}${i}`,
          title: v.title ?? `Option ${i + 1}`,
          price: v.price ?? "30.00",
          available: v.available ?? 0,
          preorder: v.preorder ?? false,
        })),
      },
    },
    // In creation order (a bare include has none), so a test can name a variant by its index.
    include: { variants: { orderBy: { shopifyVariantId: "asc" } } },
  });
}

let clock = Date.UTC(2026, 0, 1);

/** A strategy created a minute after the previous one, so "oldest first" is unambiguous. */
async function strategy(shopId: string, data: Partial<Prisma.UpsellStrategyUncheckedCreateInput> = {}) {
  clock += 60_000;
  return prisma.upsellStrategy.create({
    data: {
      shopId,
      name: `Strategy ${randomBytes(3).toString("hex")}`,
      placement: "DURING_EDITING",
      productRule: "SAME_VENDOR",
      discountType: "PERCENTAGE",
      discountValue: "20",
      maxOffers: 3,
      notifyPostscript: true,
      createdAt: new Date(clock),
      ...data,
    },
  });
}

const line = (p: { id: string; variants: { id: string }[] }) => ({ productId: p.id, variantId: p.variants[0]!.id });

describe("matchUpsellStrategy", () => {
  it("offers discounted products of the first matching strategy, with full product details", async () => {
    const shop = await createShop();
    const jacket = await product(shop.id, "Trail Runner Jacket", { productType: "Jackets" });
    const beanie = await product(shop.id, "Merino Beanie", {
      variants: [{ title: "Charcoal", price: "30.00", available: 18 }],
    });
    const s = await strategy(shop.id, { name: "Northwind add-ons", notifyKlaviyo: true });

    expect(await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(jacket)])).toEqual({
      strategy: { id: s.id, name: "Northwind add-ons", notifyPostscript: true, notifyKlaviyo: true },
      offers: [
        {
          productId: beanie.id,
          variantId: beanie.variants[0]!.id,
          productTitle: "Merino Beanie",
          variantTitle: "Charcoal",
          imageUrl: beanie.imageUrl,
          price: "24.00",
          compareAtPrice: "30.00",
          discountAmount: "20",
          discountType: "percentage",
        },
      ],
    });
  });

  it("only matches enabled strategies of the asked placement, oldest first", async () => {
    const shop = await createShop();
    const jacket = await product(shop.id, "Jacket", { productType: "Jackets" });
    await product(shop.id, "Beanie");
    await strategy(shop.id, { name: "Disabled", enabled: false });
    await strategy(shop.id, { name: "Order status", placement: "ORDER_STATUS" });
    await strategy(shop.id, { name: "Oldest editing" });
    await strategy(shop.id, { name: "Newer editing" });

    expect((await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(jacket)]))?.strategy.name).toBe(
      "Oldest editing",
    );
    expect((await matchUpsellStrategy(shop.id, "ORDER_STATUS", [line(jacket)]))?.strategy.name).toBe("Order status");
    const other = await createShop();
    expect(await matchUpsellStrategy(other.id, "DURING_EDITING", [line(jacket)])).toBeNull();
  });

  it("falls through to the next strategy when the first has nothing to offer", async () => {
    const shop = await createShop();
    const jacket = await product(shop.id, "Jacket", { productType: "Jackets", vendor: "Alpine Works" });
    const parka = await product(shop.id, "Parka", { productType: "Jackets", vendor: "Ridge & Co." });
    const soldOut = await product(shop.id, "Sold-out beanie", { variants: [{ available: 0 }] });
    await strategy(shop.id, {
      name: "Only sold-out products",
      productRule: "SPECIFIC_PRODUCTS",
      productIds: [soldOut.id],
    });
    await strategy(shop.id, { name: "Same vendor, but nobody else sells Alpine Works" });
    await strategy(shop.id, { name: "Same type", productRule: "SAME_PRODUCT_TYPE" });

    const match = await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(jacket)]);
    expect(match?.strategy.name).toBe("Same type");
    expect(match?.offers.map((o) => o.productId)).toEqual([parka.id]);
  });

  it("never offers a product in the order, a sold-out variant (unless preorder) or an unpublished product", async () => {
    const shop = await createShop();
    const inOrder = await product(shop.id, "A in order", { variants: [{ available: 5 }, { available: 5 }] });
    await product(shop.id, "B sold out", { variants: [{ available: 0 }, { available: -2 }] });
    await product(shop.id, "C unpublished", { published: false });
    const preorder = await product(shop.id, "D preorder", {
      variants: [
        { title: "Sold out", available: 0 },
        { title: "Preorder", available: 0, preorder: true },
      ],
    });
    const mixed = await product(shop.id, "E mixed", {
      variants: [
        { title: "Sold out", available: 0 },
        { title: "Small", available: 2 },
        { title: "Preorder", preorder: true },
      ],
    });
    await strategy(shop.id);

    // The order holds a different variant of product A than the first: the whole product is still excluded.
    const match = await matchUpsellStrategy(shop.id, "DURING_EDITING", [
      { productId: inOrder.id, variantId: inOrder.variants[1]!.id },
    ]);
    expect(match?.offers.map((o) => [o.productTitle, o.variantTitle])).toEqual([
      ["D preorder", "Preorder"],
      ["E mixed", "Small"],
    ]);
    expect(match?.offers.map((o) => o.variantId)).toEqual([preorder.variants[1]!.id, mixed.variants[1]!.id]);
  });

  it("recognises the order's products from variant ids when a line has no product id", async () => {
    const shop = await createShop();
    const a = await product(shop.id, "A");
    const b = await product(shop.id, "B");
    await strategy(shop.id);
    const match = await matchUpsellStrategy(shop.id, "DURING_EDITING", [
      { productId: null, variantId: a.variants[0]!.id },
      { productId: null, variantId: null },
    ]);
    expect(match?.offers.map((o) => o.productId)).toEqual([b.id]);
  });

  it("matches products by the order's vendors and product types", async () => {
    const shop = await createShop();
    const jacket = await product(shop.id, "Jacket", { vendor: "Northwind", productType: "Jackets" });
    const socks = await product(shop.id, "Socks", { vendor: "Ridge & Co.", productType: "Socks" });
    const parka = await product(shop.id, "Parka", { vendor: "Alpine Works", productType: "Jackets" });
    const beanie = await product(shop.id, "Beanie", { vendor: "Northwind", productType: "Hats" });
    const bag = await product(shop.id, "Bag", { vendor: "Ridge & Co.", productType: "Bags" });
    await product(shop.id, "No vendor", { vendor: null, productType: null });

    await strategy(shop.id, { name: "Vendor", placement: "DURING_EDITING", productRule: "SAME_VENDOR" });
    await strategy(shop.id, { name: "Type", placement: "ORDER_STATUS", productRule: "SAME_PRODUCT_TYPE" });
    const lines = [line(jacket), line(socks)];
    expect((await matchUpsellStrategy(shop.id, "DURING_EDITING", lines))?.offers.map((o) => o.productId)).toEqual([
      bag.id,
      beanie.id,
    ]);
    expect((await matchUpsellStrategy(shop.id, "ORDER_STATUS", lines))?.offers.map((o) => o.productId)).toEqual([
      parka.id,
    ]);

    // An order of products without vendor or type matches nothing by those rules (not "every product without a vendor").
    const bare = await product(shop.id, "Bare", { vendor: null, productType: "" });
    expect(await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(bare)])).toBeNull();
    expect(await matchUpsellStrategy(shop.id, "ORDER_STATUS", [line(bare)])).toBeNull();
  });

  it("offers specific products in the chosen order, at most maxOffers, with a fixed discount never below zero", async () => {
    const shop = await createShop();
    const ordered = await product(shop.id, "Ordered");
    const cheap = await product(shop.id, "Cheap", { variants: [{ price: "3.00", available: 1 }] });
    const pricey = await product(shop.id, "Pricey", { variants: [{ price: "24.00", available: 1 }] });
    const third = await product(shop.id, "Third", {
      variants: [{ price: "10.00", available: 1, title: "Default Title" }],
    });
    await strategy(shop.id, {
      productRule: "SPECIFIC_PRODUCTS",
      productIds: [pricey.id, ordered.id, cheap.id, third.id],
      discountType: "FIXED_AMOUNT",
      discountValue: "4.00",
      maxOffers: 2,
    });

    const match = await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(ordered)]);
    expect(
      match?.offers.map((o) => [o.productTitle, o.price, o.compareAtPrice, o.discountAmount, o.discountType]),
    ).toEqual([
      ["Pricey", "20.00", "24.00", "4.00", "fixed_amount"],
      ["Cheap", "0.00", "3.00", "3.00", "fixed_amount"],
    ]);
    await prisma.upsellStrategy.updateMany({ where: { shopId: shop.id }, data: { maxOffers: 3 } });
    const all = await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(ordered)]);
    expect(all?.offers.map((o) => o.productTitle)).toEqual(["Pricey", "Cheap", "Third"]);
    expect(all?.offers[2]!.variantTitle).toBeNull();
  });

  it("returns null when the shop has no strategies or nothing can be offered", async () => {
    const shop = await createShop();
    const only = await product(shop.id, "Only product");
    expect(await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(only)])).toBeNull();
    await strategy(shop.id);
    expect(await matchUpsellStrategy(shop.id, "DURING_EDITING", [line(only)])).toBeNull();
    expect(await matchUpsellStrategy(shop.id, "DURING_EDITING", [])).toBeNull();
  });
});
