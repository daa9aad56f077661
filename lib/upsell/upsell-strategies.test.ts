import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { createVariant } from "@/lib/testing/catalog-fixtures";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { deleteUpsellStrategy } from "./delete-upsell-strategy";
import { getUpsellIntegrations } from "./get-upsell-integrations";
import { getUpsellStrategy } from "./get-upsell-strategy";
import { listUpsellProducts } from "./list-upsell-products";
import { listUpsellStrategies } from "./list-upsell-strategies";
import { saveUpsellStrategy } from "./save-upsell-strategy";
import { setUpsellStrategyEnabled } from "./set-upsell-strategy-enabled";
import {
  deleteUpsellStrategySchema,
  setUpsellStrategyEnabledSchema,
  upsellStrategySchema,
  type UpsellStrategyFormValues,
} from "./upsell-strategy-schema";

function form(shopId: string, overrides: Partial<UpsellStrategyFormValues> = {}): UpsellStrategyFormValues {
  return {
    shopId,
    name: "Beanie add-on",
    placement: "DURING_EDITING",
    productRule: "SAME_VENDOR",
    productIds: [],
    discountType: "PERCENTAGE",
    discountValue: "20",
    maxOffers: 3,
    notifyPostscript: true,
    notifyKlaviyo: false,
    enabled: true,
    ...overrides,
  };
}

function parseError(values: UpsellStrategyFormValues) {
  const result = upsellStrategySchema.safeParse(values);
  if (result.success) return null;
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("upsellStrategySchema", () => {
  it("trims the name and normalises the discount", () => {
    expect(upsellStrategySchema.parse(form("s", { name: "  Beanie add-on  ", discountValue: "20.0" }))).toMatchObject({
      name: "Beanie add-on",
      discountValue: "20",
    });
    expect(upsellStrategySchema.parse(form("s", { discountValue: "12.50" })).discountValue).toBe("12.5");
    expect(
      upsellStrategySchema.parse(form("s", { discountType: "FIXED_AMOUNT", discountValue: "4" })).discountValue,
    ).toBe("4.00");
    expect(
      upsellStrategySchema.parse(form("s", { discountType: "FIXED_AMOUNT", discountValue: "0.00" })).discountValue,
    ).toBe("0");
    expect(upsellStrategySchema.parse(form("s", { discountValue: " 0 " })).discountValue).toBe("0");
  });

  it("accepts the edges of every limit", () => {
    expect(parseError(form("s", { name: "x".repeat(80) }))).toBeNull();
    expect(parseError(form("s", { discountValue: "90" }))).toBeNull();
    expect(parseError(form("s", { discountValue: "0.01" }))).toBeNull();
    expect(parseError(form("s", { discountType: "FIXED_AMOUNT", discountValue: "10000.00" }))).toBeNull();
    expect(parseError(form("s", { discountType: "FIXED_AMOUNT", discountValue: "0.01" }))).toBeNull();
    expect(parseError(form("s", { maxOffers: 1 }))).toBeNull();
    expect(
      parseError(
        form("s", { productRule: "SPECIFIC_PRODUCTS", productIds: Array.from({ length: 20 }, (_, i) => `p${i}`) }),
      ),
    ).toBeNull();
  });

  it("refuses each bad field with a specific message", () => {
    expect(parseError(form("s", { name: "   " }))).toEqual({ name: "Give the strategy a name." });
    expect(parseError(form("s", { name: "x".repeat(81) }))).toEqual({
      name: "Keep the name to 80 characters or fewer.",
    });
    expect(parseError(form("s", { productRule: "SPECIFIC_PRODUCTS", productIds: [] }))).toEqual({
      productIds: "Choose at least one product to offer.",
    });
    expect(
      parseError(
        form("s", { productRule: "SPECIFIC_PRODUCTS", productIds: Array.from({ length: 21 }, (_, i) => `p${i}`) }),
      ),
    ).toEqual({
      productIds: "Choose at most 20 products.",
    });
    expect(parseError(form("s", { discountValue: "90.01" }))).toEqual({
      discountValue: "A percentage discount can be at most 90%.",
    });
    expect(parseError(form("s", { discountValue: "" }))).toEqual({
      discountValue: "Enter a discount, or 0 for no discount.",
    });
    expect(parseError(form("s", { discountValue: "-5" }))).toEqual({
      discountValue: "The discount cannot be negative.",
    });
    expect(parseError(form("s", { discountValue: "ten" }))).toEqual({
      discountValue: "Enter the discount as a number, like 10 or 4.50.",
    });
    expect(parseError(form("s", { discountValue: "12.345" }))).toEqual({
      discountValue: "Use at most 2 decimal places.",
    });
    expect(parseError(form("s", { discountType: "FIXED_AMOUNT", discountValue: "4.005" }))).toEqual({
      discountValue: "Use at most 2 decimal places (whole cents).",
    });
    expect(parseError(form("s", { discountType: "FIXED_AMOUNT", discountValue: "10000.01" }))).toEqual({
      discountValue: "A fixed discount can be at most 10,000.00.",
    });
    expect(parseError(form("s", { maxOffers: 0 }))).toEqual({ maxOffers: "Offer at least 1 product." });
    expect(parseError(form("s", { maxOffers: 4 }))).toEqual({ maxOffers: "Offer at most 3 products at a time." });
    expect(parseError({ ...form("s"), placement: "CHECKOUT" } as unknown as UpsellStrategyFormValues)).toEqual({
      placement: "Choose where the strategy fires.",
    });
  });

  it("keeps product ids only for Specific products, without duplicates", () => {
    expect(
      upsellStrategySchema.parse(form("s", { productRule: "SPECIFIC_PRODUCTS", productIds: ["a", "b", "a"] }))
        .productIds,
    ).toEqual(["a", "b"]);
    expect(
      upsellStrategySchema.parse(form("s", { productRule: "SAME_PRODUCT_TYPE", productIds: ["a"] })).productIds,
    ).toEqual([]);
  });
});

describe("saving upsell strategies", () => {
  it("creates and updates a strategy scoped to the signed-in user's shop, with audit entries", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const beanie = await createVariant(shop.id, { productTitle: "Merino Beanie", available: 3 });
    const socks = await createVariant(shop.id, { productTitle: "Trail Socks", available: 3 });

    const created = await runShopAction(
      merchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      form(shop.id, {
        productRule: "SPECIFIC_PRODUCTS",
        productIds: [socks.productId, beanie.productId],
        notifyKlaviyo: true,
      }),
    );
    expect(created).toMatchObject({ ok: true, data: { name: "Beanie add-on", created: true } });
    const id = created.ok ? created.data.id : "";

    const [row] = await listUpsellStrategies(shop.id);
    expect(row).toMatchObject({
      id,
      enabled: true,
      placement: "DURING_EDITING",
      productRule: "SPECIFIC_PRODUCTS",
      discountType: "PERCENTAGE",
      discountValue: "20",
      maxOffers: 3,
      notifyPostscript: true,
      notifyKlaviyo: true,
      missingProductCount: 0,
    });
    expect(row!.products.map((p) => p.title)).toEqual(["Trail Socks", "Merino Beanie"]);

    const updated = await runShopAction(
      merchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      form(shop.id, {
        strategyId: id,
        name: "Same vendor",
        productRule: "SAME_VENDOR",
        productIds: [beanie.productId],
        discountType: "FIXED_AMOUNT",
        discountValue: "5",
        placement: "ORDER_STATUS",
        maxOffers: 2,
        notifyKlaviyo: false,
      }),
    );
    expect(updated).toMatchObject({ ok: true, data: { id, created: false } });
    expect(await getUpsellStrategy(shop.id, id)).toMatchObject({
      name: "Same vendor",
      productRule: "SAME_VENDOR",
      products: [],
      discountType: "FIXED_AMOUNT",
      discountValue: "5.00",
      placement: "ORDER_STATUS",
      maxOffers: 2,
      notifyPostscript: true,
      notifyKlaviyo: false,
    });
    expect(await prisma.upsellStrategy.count({ where: { shopId: shop.id } })).toBe(1);
    const audit = await prisma.auditLog.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType, a.actorUserId])).toEqual([
      ["upsell.strategy_created", "MERCHANT", merchant.id],
      ["upsell.strategy_updated", "MERCHANT", merchant.id],
    ]);
    expect(audit[1]!.metadata).toMatchObject({ strategyId: id, name: "Same vendor", discountValue: "5.00" });
  });

  it("refuses another shop's products, another shop's strategy, a duplicate name and bad input, changing nothing", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const other = await createShop();
    const otherMerchant = await createMerchant(other.id);
    const mine = await createVariant(shop.id, { productTitle: "Mine" });
    const theirs = await createVariant(other.id, { productTitle: "Theirs" });
    const saved = await runShopAction(
      merchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      form(shop.id, { productRule: "SPECIFIC_PRODUCTS", productIds: [mine.productId] }),
    );
    const id = saved.ok ? saved.data.id : "";
    const before = await prisma.upsellStrategy.findUniqueOrThrow({ where: { id } });

    const foreignProduct = await runShopAction(
      merchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      form(shop.id, {
        strategyId: id,
        productRule: "SPECIFIC_PRODUCTS",
        productIds: [mine.productId, theirs.productId],
        name: "Changed",
      }),
    );
    expect(foreignProduct).toEqual({
      ok: false,
      code: "BAD_REQUEST",
      message: "Some of the chosen products are not in this shop's catalog. Reload the page and choose again.",
      fieldErrors: {
        productIds: "Some of the chosen products are not in this shop's catalog. Reload the page and choose again.",
      },
    });
    const unknownProduct = await runShopAction(
      merchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      form(shop.id, {
        name: "New one",
        productRule: "SPECIFIC_PRODUCTS",
        productIds: ["no-such-product"],
      }),
    );
    expect(unknownProduct).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      fieldErrors: { productIds: expect.stringContaining("not in this shop's catalog") },
    });

    // Another shop's strategy id, through its own shop or through ours: not found either way.
    const theirStrategy = await runShopAction(
      otherMerchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      form(other.id, { name: "Theirs" }),
    );
    const theirId = theirStrategy.ok ? theirStrategy.data.id : "";
    expect(
      await runShopAction(
        merchant,
        upsellStrategySchema,
        saveUpsellStrategy,
        form(shop.id, { strategyId: theirId, name: "Hijack" }),
      ),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await runShopAction(merchant, upsellStrategySchema, saveUpsellStrategy, form(other.id, { name: "Hijack" })),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getUpsellStrategy(shop.id, theirId)).toBeNull();

    expect(
      await runShopAction(merchant, upsellStrategySchema, saveUpsellStrategy, form(shop.id, { name: "beanie ADD-ON" })),
    ).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { name: "Another strategy is already called “beanie ADD-ON”. Choose a different name." },
    });
    expect(
      await runShopAction(
        merchant,
        upsellStrategySchema,
        saveUpsellStrategy,
        form(shop.id, { strategyId: id, discountValue: "95" }),
      ),
    ).toEqual({
      ok: false,
      code: "BAD_REQUEST",
      message: "A percentage discount can be at most 90%.",
      fieldErrors: { discountValue: "A percentage discount can be at most 90%." },
    });
    expect(
      await runShopAction(
        await createSupportAgent(),
        upsellStrategySchema,
        saveUpsellStrategy,
        form(shop.id, { strategyId: id, name: "Agent" }),
      ),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });

    expect(await prisma.upsellStrategy.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await prisma.upsellStrategy.count({ where: { shopId: shop.id } })).toBe(1);
    expect(await prisma.upsellStrategy.findUniqueOrThrow({ where: { id: theirId } })).toMatchObject({ name: "Theirs" });
  });

  it("enables, disables and deletes only the shop's own strategies", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const other = await createShop();
    const otherMerchant = await createMerchant(other.id);
    const saved = await runShopAction(merchant, upsellStrategySchema, saveUpsellStrategy, form(shop.id));
    const id = saved.ok ? saved.data.id : "";

    expect(
      await runShopAction(merchant, setUpsellStrategyEnabledSchema, setUpsellStrategyEnabled, {
        shopId: shop.id,
        strategyId: id,
        enabled: false,
      }),
    ).toEqual({
      ok: true,
      data: { id, enabled: false },
    });
    expect((await getUpsellStrategy(shop.id, id))?.enabled).toBe(false);
    expect(
      await runShopAction(otherMerchant, setUpsellStrategyEnabledSchema, setUpsellStrategyEnabled, {
        shopId: other.id,
        strategyId: id,
        enabled: true,
      }),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await runShopAction(await createSupportAgent(), setUpsellStrategyEnabledSchema, setUpsellStrategyEnabled, {
        shopId: shop.id,
        strategyId: id,
        enabled: true,
      }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect((await getUpsellStrategy(shop.id, id))?.enabled).toBe(false);
    expect(
      await runShopAction(merchant, setUpsellStrategyEnabledSchema, setUpsellStrategyEnabled, {
        shopId: shop.id,
        strategyId: id,
        enabled: true,
      }),
    ).toMatchObject({ ok: true });
    expect((await getUpsellStrategy(shop.id, id))?.enabled).toBe(true);

    expect(
      await runShopAction(otherMerchant, deleteUpsellStrategySchema, deleteUpsellStrategy, {
        shopId: other.id,
        strategyId: id,
      }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await runShopAction(merchant, deleteUpsellStrategySchema, deleteUpsellStrategy, {
        shopId: shop.id,
        strategyId: id,
      }),
    ).toEqual({
      ok: true,
      data: { id, name: "Beanie add-on" },
    });
    expect(await listUpsellStrategies(shop.id)).toEqual([]);
    expect(
      await runShopAction(merchant, deleteUpsellStrategySchema, deleteUpsellStrategy, {
        shopId: shop.id,
        strategyId: id,
      }),
    ).toMatchObject({ code: "NOT_FOUND" });
    const actions = (await prisma.auditLog.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual([
      "upsell.strategy_created",
      "upsell.strategy_disabled",
      "upsell.strategy_enabled",
      "upsell.strategy_deleted",
    ]);
  });

  it("lists the product picker and notes chosen products Shopify has since deleted", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const beanie = await createVariant(shop.id, { productTitle: "Merino Beanie", available: 4 });
    await prisma.variant.create({
      data: {
        shopId: shop.id,
        productId: beanie.productId,
        shopifyVariantId: "v-extra",
        title: "Green",
        price: "19.50",
        available: 0,
        preorder: true,
      },
    });
    const gone = await createVariant(shop.id, { productTitle: "Gone" });
    const { products, truncated } = await listUpsellProducts(shop.id);
    expect(truncated).toBe(false);
    expect(products.find((p) => p.id === beanie.productId)).toMatchObject({
      title: "Merino Beanie",
      vendor: "Northwind",
      minPrice: "19.50",
      maxPrice: "49.00",
      available: 4,
      preorder: true,
      variantCount: 2,
      published: true,
    });
    const saved = await runShopAction(
      merchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      form(shop.id, {
        productRule: "SPECIFIC_PRODUCTS",
        productIds: [beanie.productId, gone.productId],
      }),
    );
    expect(saved.ok).toBe(true);
    await prisma.product.delete({ where: { id: gone.productId } });
    const [row] = await listUpsellStrategies(shop.id);
    expect(row).toMatchObject({
      products: [{ id: beanie.productId, title: "Merino Beanie", published: true }],
      missingProductCount: 1,
    });
  });

  it("reports whether Postscript and Klaviyo can receive upsell events", async () => {
    const shop = await createShop();
    expect(await getUpsellIntegrations(shop.id)).toEqual({
      postscript: { connected: false, status: "API key not configured" },
      klaviyo: { connected: false },
    });
    await prisma.integration.create({
      data: {
        provider: "KLAVIYO",
        shopId: shop.id,
        encryptedKey: "x",
        keyLast4: "abcd",
        verification: "VERIFIED",
        enabled: false,
      },
    });
    expect((await getUpsellIntegrations(shop.id)).klaviyo.connected).toBe(false);
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "KLAVIYO" } },
      data: { enabled: true },
    });
    expect((await getUpsellIntegrations(shop.id)).klaviyo.connected).toBe(true);
    await prisma.integration.create({
      data: { provider: "POSTSCRIPT", shopId: shop.id, encryptedKey: "x", keyLast4: "abcd", verification: "VERIFIED" },
    });
    expect((await getUpsellIntegrations(shop.id)).postscript).toEqual({ connected: true, status: "Connected" });
  });
});
