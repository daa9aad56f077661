import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import type { SessionUser } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { catalogFromInput, generateStandinCatalog, standinCatalogSchema } from "@/lib/shopify-standin/standin-catalog";
import { createVariant } from "@/lib/testing/catalog-fixtures";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { setVariantPreorder } from "./set-variant-preorder";
import { setVariantPreorderSchema } from "./variant-preorder-schema";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterEach(() => standin.state.setFaults({ down: false }));
afterAll(() => standin.close());

describe("flagging a variant for preorder", () => {
  it("needs a shipping timeline, and refuses another shop's variant and support agents", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const variant = await createVariant(shop.id);
    const run = (input: object, user = merchant) =>
      runShopAction(user, setVariantPreorderSchema, setVariantPreorder, {
        shopId: shop.id,
        variantId: variant.id,
        ...input,
      });

    expect(await run({ preorder: true, shippingTimeline: "  " })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Say when preorders ship/),
    });
    expect(await run({ preorder: true, shippingTimeline: "Ships by December 15" })).toMatchObject({ ok: true });
    expect(await prisma.variant.findUnique({ where: { id: variant.id } })).toMatchObject({
      preorder: true,
      shippingTimeline: "Ships by December 15",
    });

    const foreign = await createVariant((await createShop()).id);
    expect(await run({ variantId: foreign.id, preorder: true, shippingTimeline: "Soon" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await prisma.variant.findUnique({ where: { id: foreign.id } })).toMatchObject({ preorder: false });
    expect(await run({ preorder: false, shippingTimeline: null }, await createSupportAgent())).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("the preorder metafield the storefront block reads", () => {
  /** A shop installed from the stand-in whose catalog has one variant, also in our catalog. */
  async function connectedVariant() {
    const { shopId, store } = await standin.installedShop();
    const seed = 500 + Math.floor(Math.random() * 100_000);
    const input = standinCatalogSchema.parse(
      generateStandinCatalog({
        seed,
        variants: 1,
        locations: [{ id: String(90_000_000_000 + seed), name: "Main", fulfillsOnlineOrders: true }],
      }),
    );
    standin.state.catalogs.set(store.domain, catalogFromInput(input));
    const shopifyVariantId = input.products[0]!.variants[0]!.id;
    const variant = await prisma.variant.update({
      where: { id: (await createVariant(shopId)).id },
      data: { shopifyVariantId },
    });
    const merchant = await createMerchant(shopId);
    const metafield = () =>
      standin.state
        .catalog(store.domain)
        .metafields.get(`gid://shopify/ProductVariant/${shopifyVariantId}`)
        ?.get("signalboard.preorder");
    const run = (input: object, user: SessionUser = merchant) =>
      runShopAction(user, setVariantPreorderSchema, setVariantPreorder, { shopId, variantId: variant.id, ...input });
    return { shopId, variant, metafield, run };
  }

  it("is written to Shopify (metafieldsSet, boolean) when the preorder setting changes, then saved here", async () => {
    const { variant, metafield, run } = await connectedVariant();
    expect(await run({ preorder: true, shippingTimeline: "Ships by March 1" })).toMatchObject({ ok: true });
    expect(metafield()).toMatchObject({ namespace: "signalboard", key: "preorder", type: "boolean", value: "true" });
    expect(await prisma.variant.findUnique({ where: { id: variant.id } })).toMatchObject({ preorder: true });

    expect(await run({ preorder: false, shippingTimeline: null })).toMatchObject({ ok: true });
    expect(metafield()).toMatchObject({ value: "false" });
    expect(await prisma.variant.findUnique({ where: { id: variant.id } })).toMatchObject({ preorder: false });
  });

  it("when Shopify refuses or does not answer, nothing changes here or there", async () => {
    const { shopId, variant, metafield, run } = await connectedVariant();
    standin.state.setFaults({ down: true });
    expect(await run({ preorder: true, shippingTimeline: "Ships by March 1" })).toMatchObject({
      ok: false,
      code: "UPSTREAM",
      message: "Shopify did not answer, try again in a minute.",
    });
    standin.state.setFaults({ down: false });
    // A variant deleted in Shopify since the last sync.
    await prisma.variant.update({ where: { id: variant.id }, data: { shopifyVariantId: "4600000000999" } });
    expect(await run({ preorder: true, shippingTimeline: "Ships by March 1" })).toMatchObject({
      ok: false,
      code: "UPSTREAM",
      message: "Shopify refused the change: Owner does not exist.",
    });
    expect(metafield()).toBeUndefined();
    expect(await prisma.variant.findUnique({ where: { id: variant.id } })).toMatchObject({
      preorder: false,
      shippingTimeline: null,
    });
    expect(await prisma.auditLog.count({ where: { shopId, action: "preorder.variant_updated" } })).toBe(0);
  });
});
