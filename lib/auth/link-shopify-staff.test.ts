import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { linkShopifyStaff } from "./link-shopify-staff";

function staff(overrides: Partial<{ email: string; accountOwner: boolean; emailVerified: boolean }> = {}) {
  const id = String(70_000_000 + randomBytes(3).readUIntBE(0, 3));
  return {
    shopifyUserId: id,
    email: overrides.email ?? `staff-${id}@test.example`,
    firstName: "Ada",
    lastName: "Lovelace",
    accountOwner: overrides.accountOwner ?? true,
    emailVerified: overrides.emailVerified ?? true,
  };
}

describe("linkShopifyStaff", () => {
  it("makes a new staff member a user and member once, then signs them in without asking Shopify again", async () => {
    const shop = await createShop();
    const member = staff();
    const load = vi.fn(async () => member);
    const userId = await linkShopifyStaff(shop.id, member.shopifyUserId, load);
    expect(await linkShopifyStaff(shop.id, member.shopifyUserId, load)).toBe(userId);
    expect(load).toHaveBeenCalledTimes(1);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
    expect(user).toMatchObject({ email: member.email, name: "Ada Lovelace", passwordHash: null });
    expect(user.memberships).toEqual([
      expect.objectContaining({ shopId: shop.id, role: "OWNER", shopifyUserId: member.shopifyUserId }),
    ]);
  });

  it("joins a verified email's shops into one account (the shop switcher), and a staff member who is not the owner is STAFF", async () => {
    const [first, second] = [await createShop(), await createShop()];
    const owner = staff();
    const userId = await linkShopifyStaff(first.id, owner.shopifyUserId, async () => owner);
    const elsewhere = { ...staff({ email: owner.email, accountOwner: false }) };
    expect(await linkShopifyStaff(second.id, elsewhere.shopifyUserId, async () => elsewhere)).toBe(userId);
    const roles = await prisma.membership.findMany({
      where: { userId },
      select: { shopId: true, role: true },
      orderBy: { role: "asc" },
    });
    expect(roles).toEqual(
      expect.arrayContaining([
        { shopId: first.id, role: "OWNER" },
        { shopId: second.id, role: "STAFF" },
      ]),
    );
  });

  it("refuses to join an unverified email to an existing account, and a support agent's email, changing nothing", async () => {
    const [mine, theirs] = [await createShop(), await createShop()];
    const victim = staff();
    const victimId = await linkShopifyStaff(mine.id, victim.shopifyUserId, async () => victim);
    const impostor = staff({ email: victim.email, emailVerified: false });
    await expect(linkShopifyStaff(theirs.id, impostor.shopifyUserId, async () => impostor)).rejects.toThrow(
      "Verify your email address in Shopify",
    );
    const agent = await createSupportAgent();
    const posing = staff({ email: agent.email! });
    await expect(linkShopifyStaff(theirs.id, posing.shopifyUserId, async () => posing)).rejects.toThrow(
      "support account",
    );
    expect(await prisma.membership.count({ where: { shopId: theirs.id } })).toBe(0);
    expect(await prisma.membership.count({ where: { userId: victimId } })).toBe(1);
  });

  it("ends the user's sessions when Shopify reports a different role", async () => {
    const shop = await createShop();
    const owner = staff();
    const userId = await linkShopifyStaff(shop.id, owner.shopifyUserId, async () => owner);
    // The same person, re-added to the store as staff (a new staff id), is now STAFF.
    const demoted = { ...staff({ email: owner.email, accountOwner: false }) };
    await linkShopifyStaff(shop.id, demoted.shopifyUserId, async () => demoted);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
    expect(user.memberships).toEqual([
      expect.objectContaining({ role: "STAFF", shopifyUserId: demoted.shopifyUserId }),
    ]);
    expect(user.sessionVersion).toBe(1);
  });
});
