import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { createVariant } from "@/lib/testing/catalog-fixtures";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { setVariantPreorder } from "./set-variant-preorder";
import { setVariantPreorderSchema } from "./variant-preorder-schema";

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
