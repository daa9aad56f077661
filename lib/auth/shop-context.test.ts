import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { resolveShopContext } from "./shop-context";

describe("resolveShopContext", () => {
  it("gives members write access to their own shop only", async () => {
    const shop = await createShop();
    const other = await createShop();
    const merchant = await createMerchant(shop.id, "STAFF");
    expect(await resolveShopContext(merchant, shop.id)).toMatchObject({
      role: "STAFF",
      canWrite: true,
      shop: { id: shop.id },
    });
    expect(await resolveShopContext(merchant, other.id)).toBeNull();
    expect(await resolveShopContext(merchant, "does-not-exist")).toBeNull();
    expect(await resolveShopContext(merchant, "")).toBeNull();
  });

  it("gives support agents read-only access to any shop", async () => {
    const shop = await createShop();
    const agent = await createSupportAgent();
    expect(await resolveShopContext(agent, shop.id)).toMatchObject({ role: "SUPPORT_AGENT", canWrite: false });
  });

  it("does not trust a session that merely claims to be a support agent", async () => {
    const shop = await createShop();
    const merchant = await createMerchant((await createShop()).id);
    expect(await resolveShopContext({ ...merchant, isSupportAgent: true }, shop.id)).toBeNull();
  });

  it("takes a removed membership into account at once", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    await prisma.membership.deleteMany({ where: { userId: merchant.id } });
    expect(await resolveShopContext(merchant, shop.id)).toBeNull();
  });
});
