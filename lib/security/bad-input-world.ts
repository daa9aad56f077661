import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { createStrategy, placeOrder, setUpOrderEditingShop } from "@/lib/order-editing/order-editing-test-fixtures";
import { inventoryLevelPayload } from "@/lib/shopify/webhook-payloads";
import { receiveShopifyWebhook } from "@/lib/shopify/receive-shopify-webhook";
import { shopifyRequest, waitForWebhook } from "@/lib/shopify/webhook-test-helpers";
import { createCatalogVariant } from "@/lib/storefront/storefront-test-helpers";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import type { SnapshotScope } from "./database-snapshot";

// Test-only: the shops, people, orders and ids the bad-input catalog attacks. Not used by the app.

/** A myshopify domain no shop has: webhooks and signups for it must store nothing. */
export const UNKNOWN_DOMAIN = "nobody-installed-this.myshopify.com";

/**
 * Two paid shops with Postscript connected (A is "ours", B is "another shop"), a free-plan shop and an
 * uninstalled one; a merchant of each, a support agent and a signed-up user; an open and a closed order of A
 * with their portal tokens, an order of B with an editing session, a sold-out variant each for the storefront,
 * a waitlist entry and an upsell strategy in B, and one webhook of A already processed (to replay).
 */
export async function createBadInputWorld() {
  const a = await setUpOrderEditingShop();
  const b = await setUpOrderEditingShop();
  const [shopA, shopB] = await Promise.all([
    prisma.shop.findUniqueOrThrow({ where: { id: a.shop.shopId } }),
    prisma.shop.findUniqueOrThrow({ where: { id: b.shop.shopId } }),
  ]);
  const freeShop = await createShop({ plan: "FREE" });
  const uninstalledShop = await createShop();
  await prisma.shop.update({ where: { id: uninstalledShop.id }, data: { uninstalledAt: new Date() } });

  const merchantA = await createMerchant(shopA.id);
  const merchantB = await createMerchant(shopB.id);
  const freeMerchant = await createMerchant(freeShop.id);
  const agent = await createSupportAgent();
  const password = `pw-${randomBytes(6).toString("hex")}`;
  const signInUser = await prisma.user.create({
    data: {
      email: `sign-in-${randomBytes(4).toString("hex")}@test.example`,
      name: "Sign-in Target",
      passwordHash: await hashPassword(password),
    },
  });

  const soldOutA = await createCatalogVariant(shopA.id, { available: 0, title: "Storm Parka" });
  const soldOutB = await createCatalogVariant(shopB.id, { available: 0, title: "Other Shop Parka" });
  const waitingInB = await prisma.waitlistEntry.create({
    data: { shopId: shopB.id, variantId: soldOutB.id, customerKey: "+12015550147", phone: "+12015550147", name: "Bea" },
  });
  const strategyB = await createStrategy(shopB.id, { name: "Other shop offers", productIds: [b.offered.productId] });

  const openOrder = await placeOrder(a.shop, a.bought);
  const closedOrder = await placeOrder(a.shop, a.bought, {
    createdAt: new Date(Date.now() - 3 * 24 * 3_600_000).toISOString(),
  });
  const orderB = await placeOrder(b.shop, b.bought);
  // A session row of B's order, made directly: beginOrderEdit would queue deliveries that keep changing rows.
  const editB = await prisma.orderEdit.create({ data: { shopId: shopB.id, orderId: orderB.orderId } });
  const editA = await prisma.orderEdit.create({ data: { shopId: shopA.id, orderId: openOrder.orderId } });

  const level = inventoryLevelPayload({ inventoryItemId: String(Date.now()), locationId: "74211000001", available: 2 });
  const processed = shopifyRequest("inventory_levels/update", shopA.domain, level);
  await receiveShopifyWebhook(processed.request);
  await waitForWebhook(processed.eventId);

  const address = `198.51.100.7-${randomBytes(3).toString("hex")}`;
  const scope: SnapshotScope = {
    shopIds: [shopA.id, shopB.id, freeShop.id, uninstalledShop.id],
    userIds: [merchantA, merchantB, freeMerchant, agent].map((u: SessionUser) => u.id).concat(signInUser.id),
    shopDomains: [shopA.domain, shopB.domain, freeShop.domain, uninstalledShop.domain, UNKNOWN_DOMAIN],
    rateLimitKeys: [
      `%${address}%`,
      `%${signInUser.email}%`,
      ...[shopA.id, shopB.id, freeShop.id].map((id) => `%${id}%`),
    ],
  };

  return {
    shopA: { ...shopA, ...a },
    shopB: { ...shopB, ...b },
    freeShop,
    uninstalledShop,
    merchantA,
    merchantB,
    freeMerchant,
    agent,
    signIn: { email: signInUser.email, password, userId: signInUser.id },
    soldOutA,
    soldOutB,
    waitingInB,
    strategyB,
    openOrder,
    closedOrder,
    orderB,
    editA,
    editB,
    processedWebhook: { eventId: processed.eventId, payload: level },
    /** The one client address every storefront and sign-in row comes from (its throttle rows are in scope). */
    address,
    scope,
  };
}

export type BadInputWorld = Awaited<ReturnType<typeof createBadInputWorld>>;
