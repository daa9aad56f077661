// Relative imports: this module also runs from tsx scripts (prisma/seed.ts, lib/dev/start.ts).
import { hashPassword, verifyPassword } from "../auth/password";
import { seedDemoCatalog } from "./seed-demo-catalog";
import { seedDemoOrders } from "./seed-demo-orders";
import type { PrismaClient } from "../generated/prisma/client";
import { consentDisclosure } from "../storefront/consent-disclosure";

/**
 * The first demo merchant: owns both Northwind shops. Merchants have no password: they sign in through Shopify
 * (the local Shopify stand-in in development and tests), as the staff members named in DEMO_SHOPS.
 */
export const DEMO_MERCHANT = { email: "merchant@demo.test", name: "Maya Patel" } as const;

/** A second merchant, so tenant isolation can be tried by hand and in end-to-end tests. */
export const DEMO_OTHER_MERCHANT = { email: "other@demo.test", name: "Omar Reyes" } as const;

/** A staff member of Northwind Outfitters who is not its owner; gets access the first time she opens the app. */
export const DEMO_STAFF_MEMBER = { email: "lee@demo.test", name: "Lee Chen" } as const;

/** Our own staff member with a SupportAgent row. */
export const DEMO_SUPPORT_AGENT = {
  email: "support@signalboard.test",
  name: "Sam Rivera",
  password: "demo-support-pass",
} as const;

/**
 * The demo shops, keyed by a stable name; `owner` is the email of the user with the OWNER membership. `staff` are
 * the store's Shopify staff members (ids as Shopify's session tokens carry them in `sub`; one id per store, as in
 * Shopify); the Shopify stand-in serves the same stores and staff.
 */
export const DEMO_SHOPS = {
  northwindOutfitters: {
    domain: "northwind-outfitters.myshopify.com",
    name: "Northwind Outfitters",
    plan: "PAID",
    currency: "USD",
    timeZone: "America/New_York",
    ownerEmail: DEMO_MERCHANT.email,
    owner: DEMO_MERCHANT.email,
    staff: [
      { id: "74001", ...DEMO_MERCHANT, accountOwner: true },
      { id: "74002", ...DEMO_STAFF_MEMBER, accountOwner: false },
    ],
  },
  northwindOutlet: {
    domain: "northwind-outlet.myshopify.com",
    name: "Northwind Outlet",
    plan: "FREE",
    currency: "USD",
    timeZone: "America/New_York",
    ownerEmail: DEMO_MERCHANT.email,
    owner: DEMO_MERCHANT.email,
    staff: [{ id: "74101", ...DEMO_MERCHANT, accountOwner: true }],
  },
  acmeGoods: {
    domain: "acme-goods.myshopify.com",
    name: "Acme Goods",
    plan: "PAID",
    currency: "CAD",
    timeZone: "America/Toronto",
    ownerEmail: DEMO_OTHER_MERCHANT.email,
    owner: DEMO_OTHER_MERCHANT.email,
    staff: [{ id: "75001", ...DEMO_OTHER_MERCHANT, accountOwner: true }],
  },
} as const;

export type DemoShopKey = keyof typeof DEMO_SHOPS;

/** Every demo email, e.g. for tests that scope their assertions to the seeded rows. */
export const DEMO_EMAILS = [DEMO_MERCHANT.email, DEMO_OTHER_MERCHANT.email, DEMO_SUPPORT_AGENT.email] as const;

/** Every demo shop domain. */
export const DEMO_SHOP_DOMAINS = Object.values(DEMO_SHOPS).map((shop) => shop.domain);

export interface DemoSignIn {
  email: string;
  name: string;
  userId: string;
}

export interface DemoShop {
  id: string;
  domain: string;
  name: string;
}

/** What seeding produced: the users (the support agent with its plain demo password) and the shop ids. */
export interface DemoAccounts {
  merchant: DemoSignIn & { shopIds: string[] };
  otherMerchant: DemoSignIn & { shopIds: string[] };
  supportAgent: DemoSignIn & { password: string; supportAgentId: string };
  shops: Record<DemoShopKey, DemoShop>;
}

type DemoUser = { email: string; name: string; password?: string };

async function upsertUser(prisma: PrismaClient, user: DemoUser): Promise<string> {
  const existing = await prisma.user.findUnique({ where: { email: user.email } });
  if (existing) {
    // Hashes are salted, so rehashing every run would rewrite the row; only repair a password that stopped working,
    // because the dev banner prints this sign-in and it must be true.
    if (user.password && !(existing.passwordHash && (await verifyPassword(existing.passwordHash, user.password)))) {
      await prisma.user.update({
        where: { id: existing.id },
        data: { passwordHash: await hashPassword(user.password) },
      });
    }
    return existing.id;
  }
  const passwordHash = user.password ? await hashPassword(user.password) : null;
  // upsert rather than create: two seeders racing (dev server + e2e setup) must not fail on the unique email.
  const created = await prisma.user.upsert({
    where: { email: user.email },
    create: { email: user.email, name: user.name, passwordHash },
    update: {},
  });
  return created.id;
}

/** Customers already waiting for the demo shop's sold-out variants, so the reports have something to show. */
const DEMO_WAITLIST = [
  { shopifyVariantId: "46211000000012", name: "Ava Thompson", phone: "+15555550101", email: "ava@example.com" },
  { shopifyVariantId: "46211000000012", name: "Ben Carter", phone: "+15555550102", email: null },
  { shopifyVariantId: "46211000000012", name: "Chloe Nguyen", phone: null, email: "chloe@example.com" },
  { shopifyVariantId: "46211000000022", name: "Diego Ramos", phone: "+15555550104", email: null },
] as const;

async function seedDemoWaitlist(prisma: PrismaClient, shopId: string): Promise<void> {
  for (const entry of DEMO_WAITLIST) {
    const variant = await prisma.variant.findUnique({
      where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: entry.shopifyVariantId } },
    });
    if (!variant) continue;
    const customerKey = entry.phone ?? entry.email!;
    await prisma.waitlistEntry.upsert({
      where: { shopId_variantId_customerKey: { shopId, variantId: variant.id, customerKey } },
      create: {
        shopId,
        variantId: variant.id,
        customerKey,
        phone: entry.phone,
        email: entry.email,
        name: entry.name,
        channel: "storefront",
      },
      update: {},
    });
    // Each demo phone signed up through the storefront's consent checkbox, so built-in SMS may text it.
    if (entry.phone && !(await prisma.smsSignupConsent.findFirst({ where: { shopId, phone: entry.phone } }))) {
      const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, domain: true } });
      await prisma.smsSignupConsent.create({
        data: {
          shopId,
          phone: entry.phone,
          consentText: consentDisclosure(shop),
          ipAddress: "203.0.113.10",
          pageUrl: `https://${shop.domain}/products/demo`,
        },
      });
    }
  }
}

/**
 * Creates the demo users, support agent, shops and memberships, or finds them when they already exist.
 * Idempotent: re-running never duplicates rows and leaves existing demo rows as they are (settings a developer
 * changed by hand survive a restart); only a demo password that no longer verifies is reset.
 */
export async function seedDemo(prisma: PrismaClient): Promise<DemoAccounts> {
  const userIds = new Map<string, string>();
  for (const user of [DEMO_MERCHANT, DEMO_OTHER_MERCHANT, DEMO_SUPPORT_AGENT]) {
    userIds.set(user.email, await upsertUser(prisma, user));
  }
  const idOf = (email: string) => userIds.get(email)!;

  const supportAgent = await prisma.supportAgent.upsert({
    where: { userId: idOf(DEMO_SUPPORT_AGENT.email) },
    create: { userId: idOf(DEMO_SUPPORT_AGENT.email) },
    update: {},
  });

  const shops = {} as Record<DemoShopKey, DemoShop>;
  const shopIdsByOwner = new Map<string, string[]>();
  for (const [key, shop] of Object.entries(DEMO_SHOPS) as [DemoShopKey, (typeof DEMO_SHOPS)[DemoShopKey]][]) {
    const row = await prisma.shop.upsert({
      where: { domain: shop.domain },
      create: {
        domain: shop.domain,
        name: shop.name,
        plan: shop.plan,
        currency: shop.currency,
        timeZone: shop.timeZone,
        ownerEmail: shop.ownerEmail,
      },
      update: {},
    });
    const owner = shop.staff.find((member) => member.accountOwner)!;
    await prisma.membership.upsert({
      where: { userId_shopId: { userId: idOf(shop.owner), shopId: row.id } },
      create: { userId: idOf(shop.owner), shopId: row.id, role: "OWNER", shopifyUserId: owner.id },
      update: {},
    });
    shops[key] = { id: row.id, domain: row.domain, name: row.name };
    shopIdsByOwner.set(shop.owner, [...(shopIdsByOwner.get(shop.owner) ?? []), row.id]);
  }

  await seedDemoCatalog(prisma, shops.northwindOutfitters.id);
  await seedDemoWaitlist(prisma, shops.northwindOutfitters.id);
  await seedDemoOrders(prisma, shops.northwindOutfitters.id);

  const signIn = (user: DemoUser): DemoSignIn => ({ email: user.email, name: user.name, userId: idOf(user.email) });
  return {
    merchant: { ...signIn(DEMO_MERCHANT), shopIds: shopIdsByOwner.get(DEMO_MERCHANT.email) ?? [] },
    otherMerchant: { ...signIn(DEMO_OTHER_MERCHANT), shopIds: shopIdsByOwner.get(DEMO_OTHER_MERCHANT.email) ?? [] },
    supportAgent: {
      ...signIn(DEMO_SUPPORT_AGENT),
      password: DEMO_SUPPORT_AGENT.password,
      supportAgentId: supportAgent.id,
    },
    shops,
  };
}
