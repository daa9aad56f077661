import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { findInstalledShop } from "@/lib/shopify/find-installed-shop";
import { firstMemberShopId } from "./first-member-shop-id";
import { listMemberShops } from "./list-member-shops";

describe("the page queries about a user's shops", () => {
  it("lists the member's shops by name, and sends the home page to the first one joined", async () => {
    const first = await createShop({ name: "Zebra Goods" });
    const second = await createShop({ name: "Alpine Supply" });
    await createShop({ name: "Not theirs" });
    const merchant = await createMerchant(first.id);
    await prisma.membership.create({
      data: { userId: merchant.id, shopId: second.id, role: "STAFF", createdAt: new Date(Date.now() + 1_000) },
    });

    expect(await listMemberShops(merchant.id)).toEqual([
      { id: second.id, name: "Alpine Supply", domain: second.domain },
      { id: first.id, name: "Zebra Goods", domain: first.domain },
    ]);
    expect(await firstMemberShopId(merchant.id)).toBe(first.id);
  });

  it("gives a user without memberships no shop", async () => {
    const agent = await createSupportAgent();
    expect(await listMemberShops(agent.id)).toEqual([]);
    expect(await firstMemberShopId(agent.id)).toBeNull();
  });

  it("finds an installed shop by domain, never an uninstalled or unknown one", async () => {
    const shop = await createShop();
    expect(await findInstalledShop(shop.domain)).toEqual({ id: shop.id });
    await prisma.shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date() } });
    expect(await findInstalledShop(shop.domain)).toBeNull();
    expect(await findInstalledShop("nobody.myshopify.com")).toBeNull();
  });
});
