import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { PrismaClient } from "@/lib/generated/prisma/client";
import {
  DEMO_EMAILS,
  DEMO_MERCHANT,
  DEMO_OTHER_MERCHANT,
  DEMO_SHOP_DOMAINS,
  DEMO_SHOPS,
  DEMO_SUPPORT_AGENT,
  seedDemo,
  type DemoAccounts,
} from "./seed-demo";

// The database is shared with other test files running in parallel, so every query is scoped to the demo rows.
let prisma: PrismaClient;

async function snapshot() {
  const users = await prisma.user.findMany({
    where: { email: { in: [...DEMO_EMAILS] } },
    include: { supportAgent: true, memberships: { include: { shop: true } } },
    orderBy: { email: "asc" },
  });
  const shops = await prisma.shop.findMany({
    where: { domain: { in: DEMO_SHOP_DOMAINS } },
    orderBy: { domain: "asc" },
  });
  return { users, shops };
}

beforeAll(() => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must point at a migrated test database");
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
});

afterAll(async () => {
  await prisma?.$disconnect();
});

describe("seedDemo", () => {
  let first: DemoAccounts;
  let second: DemoAccounts;
  let afterFirst: Awaited<ReturnType<typeof snapshot>>;

  it("creates the three users, the support agent, three shops and their owner memberships", async () => {
    first = await seedDemo(prisma);
    afterFirst = await snapshot();

    expect(afterFirst.users.map((u) => u.email)).toEqual([...DEMO_EMAILS].sort());
    expect(afterFirst.shops).toHaveLength(3);

    const byEmail = new Map(afterFirst.users.map((u) => [u.email, u]));
    const maya = byEmail.get(DEMO_MERCHANT.email)!;
    const omar = byEmail.get(DEMO_OTHER_MERCHANT.email)!;
    const sam = byEmail.get(DEMO_SUPPORT_AGENT.email)!;
    expect([maya.name, omar.name, sam.name]).toEqual(["Maya Patel", "Omar Reyes", "Sam Rivera"]);

    expect(maya.memberships.map((m) => [m.shop.domain, m.role]).sort()).toEqual([
      [DEMO_SHOPS.northwindOutfitters.domain, "OWNER"],
      [DEMO_SHOPS.northwindOutlet.domain, "OWNER"],
    ]);
    expect(omar.memberships.map((m) => [m.shop.domain, m.role])).toEqual([[DEMO_SHOPS.acmeGoods.domain, "OWNER"]]);
    expect(sam.memberships).toEqual([]);
    expect(sam.supportAgent?.id).toBe(first.supportAgent.supportAgentId);
    expect(maya.supportAgent).toBeNull();
    expect(omar.supportAgent).toBeNull();

    const shop = (domain: string) => afterFirst.shops.find((s) => s.domain === domain)!;
    expect(shop(DEMO_SHOPS.northwindOutfitters.domain)).toMatchObject({
      name: "Northwind Outfitters",
      plan: "PAID",
      currency: "USD",
      timeZone: "America/New_York",
      ownerEmail: "merchant@demo.test",
    });
    expect(shop(DEMO_SHOPS.northwindOutlet.domain)).toMatchObject({
      name: "Northwind Outlet",
      plan: "FREE",
      currency: "USD",
      timeZone: "America/New_York",
    });
    expect(shop(DEMO_SHOPS.acmeGoods.domain)).toMatchObject({
      name: "Acme Goods",
      plan: "PAID",
      currency: "CAD",
      timeZone: "America/Toronto",
    });
  });

  it("gives only the support agent a password (an argon2id hash); merchants sign in through Shopify", async () => {
    const agent = afterFirst.users.find((u) => u.email === DEMO_SUPPORT_AGENT.email)!;
    expect(agent.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(agent.passwordHash!, DEMO_SUPPORT_AGENT.password)).toBe(true);
    for (const merchant of [DEMO_MERCHANT, DEMO_OTHER_MERCHANT]) {
      expect(afterFirst.users.find((u) => u.email === merchant.email)!.passwordHash).toBeNull();
    }
  });

  it("returns the sign-ins and shop ids callers print", () => {
    expect(first.merchant).toMatchObject({ email: "merchant@demo.test" });
    expect(first.merchant).not.toHaveProperty("password");
    expect(first.otherMerchant).toMatchObject({ email: "other@demo.test" });
    expect(first.supportAgent).toMatchObject({ email: "support@signalboard.test", password: "demo-support-pass" });
    const idOf = (domain: string) => afterFirst.shops.find((s) => s.domain === domain)!.id;
    expect(first.shops.northwindOutfitters.id).toBe(idOf(DEMO_SHOPS.northwindOutfitters.domain));
    expect(first.shops.acmeGoods.id).toBe(idOf(DEMO_SHOPS.acmeGoods.domain));
    expect([...first.merchant.shopIds].sort()).toEqual(
      [first.shops.northwindOutfitters.id, first.shops.northwindOutlet.id].sort(),
    );
    expect(first.otherMerchant.shopIds).toEqual([first.shops.acmeGoods.id]);
  });

  it("changes nothing and duplicates nothing when run again", async () => {
    second = await seedDemo(prisma);
    expect(second).toEqual(first);
    expect(await snapshot()).toEqual(afterFirst);
  });

  it("repairs the support agent's demo password when it no longer verifies, and nothing else", async () => {
    await prisma.user.update({ where: { email: DEMO_SUPPORT_AGENT.email }, data: { passwordHash: "not-a-hash" } });
    await seedDemo(prisma);
    const after = await snapshot();
    const sam = after.users.find((u) => u.email === DEMO_SUPPORT_AGENT.email)!;
    expect(await verifyPassword(sam.passwordHash!, DEMO_SUPPORT_AGENT.password)).toBe(true);
    const withoutSamHash = (s: typeof after) =>
      s.users.map((u) => (u.email === DEMO_SUPPORT_AGENT.email ? { ...u, passwordHash: "" } : u));
    expect(withoutSamHash(after)).toEqual(withoutSamHash(afterFirst));
    expect(after.shops).toEqual(afterFirst.shops);
  });
});
