import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { sendToWaitlist } from "@/lib/back-in-stock/send-to-waitlist";
import { sendToWaitlistSchema } from "@/lib/back-in-stock/send-to-waitlist-schema";
import { prisma } from "@/lib/db/prisma";
import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { AppError } from "@/lib/errors/app-error";
import { beginOrderEdit } from "@/lib/order-editing/begin-order-edit";
import { createStrategy, placeOrder, setUpOrderEditingShop } from "@/lib/order-editing/order-editing-test-fixtures";
import { saveOrderEdit } from "@/lib/order-editing/save-order-edit";
import { getRestockProgress } from "@/lib/restock/get-restock-progress";
import {
  addWaitlist,
  createEngineShop,
  createEngineVariant,
  type EngineShop,
  waitFor,
  warmUpEngine,
} from "@/lib/restock/restock-test-fixtures";
import { receiveShopifyWebhook } from "@/lib/shopify/receive-shopify-webhook";
import { inventoryLevelPayload, orderPayload } from "@/lib/shopify/webhook-payloads";
import { shopifyRequest, waitForWebhook } from "@/lib/shopify/webhook-test-helpers";
import { createMerchant } from "@/lib/testing/fixtures";
import { expectEveryCustomerOnce, FAULT_RATE_PER_SECOND, type PlannedRestock } from "./fault-fixtures";
import { type FaultSandbox, startFaultSandbox } from "./fault-sandbox";

// The same trigger arriving more than once: Shopify redelivering a webhook, a merchant double-clicking Send, a
// customer double-clicking Save. Everything runs through the real intake and the in-process sender.

let sandbox: FaultSandbox;
beforeAll(async () => {
  sandbox = await startFaultSandbox({ timeoutMs: 5_000, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
  await warmUpEngine();
});
afterAll(async () => {
  await sandbox.close();
});

const LOCATION = "74211000001";

/** A variant out of stock with `waiting` customers, whose inventory item Shopify knows by a numeric id. */
async function waitedForVariant(shop: EngineShop, waiting: number) {
  const inventoryItemId = String(48_000_000_000 + randomInt(1, 999_999_999));
  const variant = await createEngineVariant(shop.shopId, { available: 0 });
  await prisma.variant.update({ where: { id: variant.id }, data: { inventoryItemId } });
  const phones = await addWaitlist(shop.shopId, variant.id, waiting);
  return { variantId: variant.id, inventoryItemId, phones };
}

/** Waits until the restock's every alert is delivered (in the background sender) and returns it for the check. */
async function finishedRestock(
  shop: EngineShop,
  variant: { variantId: string; phones: string[] },
): Promise<PlannedRestock> {
  const restocks = await waitFor(async () => {
    const found = await prisma.restock.findMany({ where: { variantId: variant.variantId } });
    return found.length > 0 ? found : null;
  });
  expect(restocks).toHaveLength(1);
  const restockId = restocks[0]!.id;
  await waitFor(async () => {
    const progress = await getRestockProgress(shop.shopId, restockId);
    return progress?.planned && progress.delivered === progress.total;
  }, 30_000);
  return { shop, variantId: variant.variantId, restockId, phones: variant.phones };
}

/** Sends what is due and waits for the background sender too (queueing an event starts the shop's drainer job). */
async function settle(shopId: string): Promise<void> {
  await drainShopDeliveries(shopId);
  await waitFor(
    async () =>
      (await prisma.delivery.count({ where: { shopId, status: { in: ["PENDING", "RETRYING", "SENDING"] } } })) === 0,
  );
}

async function receive(shop: EngineShop, topic: string, payload: unknown, eventId: string) {
  const reply = await receiveShopifyWebhook(shopifyRequest(topic, shop.domain, payload, { eventId }).request);
  expect(reply.status).toBe(200);
  return reply.body.ok ? reply.body.result : reply.body.error.code;
}

describe("the same trigger more than once", () => {
  it("the same restock webhook 3 times, one after another and all at once: one restock each, everyone texted once", async () => {
    const shop = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
    const oneByOne = await waitedForVariant(shop, 80);
    const atOnce = await waitedForVariant(shop, 80);

    // Shopify's retries of one event come one after another (here: the second once the first was processed).
    const firstId = randomUUID();
    const stocked = (item: string) =>
      inventoryLevelPayload({ inventoryItemId: item, locationId: LOCATION, available: 5 });
    const sequential = [await receive(shop, "inventory_levels/update", stocked(oneByOne.inventoryItemId), firstId)];
    await waitForWebhook(firstId);
    for (let i = 0; i < 2; i++)
      sequential.push(await receive(shop, "inventory_levels/update", stocked(oneByOne.inventoryItemId), firstId));
    expect(sequential).toEqual(["accepted", "duplicate", "duplicate"]);

    // …or overlap, when an answer was slow.
    const secondId = randomUUID();
    const concurrent = await Promise.all(
      [0, 1, 2].map(() => receive(shop, "inventory_levels/update", stocked(atOnce.inventoryItemId), secondId)),
    );
    expect(concurrent.sort()).toEqual(["accepted", "duplicate", "duplicate"]);
    // The same level reported again later under a new event id is processed, and is no restock: the stock did not
    // cross. (The very same signed body under a new id would be a replay, answered "duplicate".)
    const again = randomUUID();
    const later = { ...stocked(atOnce.inventoryItemId), updated_at: new Date(Date.now() + 60_000).toISOString() };
    expect(await receive(shop, "inventory_levels/update", later, again)).toBe("accepted");
    await waitForWebhook(secondId);
    await waitForWebhook(again);

    await expectEveryCustomerOnce(sandbox.state, await finishedRestock(shop, oneByOne));
    await expectEveryCustomerOnce(sandbox.state, await finishedRestock(shop, atOnce));
    expect(await prisma.restock.count({ where: { shopId: shop.shopId } })).toBe(2);
  }, 60_000);

  it("Send double-clicked, then clicked again while sending: one restock, everyone texted once", async () => {
    const shop = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
    const variant = await waitedForVariant(shop, 120);
    const merchant = await createMerchant(shop.shopId);
    // The Send button's server action, minus the page revalidation (which needs a Next request).
    // The variant is sold out, so the merchant confirmed sending anyway.
    const send = () =>
      runShopAction(merchant, sendToWaitlistSchema, sendToWaitlist, {
        shopId: shop.shopId,
        variantId: variant.variantId,
        sendWhileSoldOut: true,
      });

    const clicks = await Promise.all([send(), send()]);
    const restockIds = clicks.map((click) => (click.ok ? click.data.restockId : click.message));
    expect(restockIds[0]).toBe(restockIds[1]);
    await waitFor(
      async () => (await prisma.delivery.count({ where: { restockId: restockIds[0], status: "DELIVERED" } })) >= 10,
    );
    const third = await send();
    expect(third.ok && third.data.restockId).toBe(restockIds[0]);
    expect(
      await prisma.auditLog.count({ where: { shopId: shop.shopId, action: "back_in_stock.sent_to_waitlist" } }),
    ).toBe(1);

    await expectEveryCustomerOnce(sandbox.state, await finishedRestock(shop, variant));
  }, 60_000);

  it("the same orders/create webhook 3 times at once, and its body once more under a new event id: one Upsell Offers Available", async () => {
    const { shop, bought, offered } = await setUpOrderEditingShop();
    await createStrategy(shop.shopId, {
      placement: "ORDER_STATUS",
      productIds: [offered.productId],
      name: "Order status add-ons",
    });
    const payload = orderPayload({
      email: "jamie@example.com",
      phone: "+15555550123",
      customer: { firstName: "Jamie", lastName: "Rivera", email: "jamie@example.com" },
      lineItems: [
        {
          productId: bought.product.shopifyProductId,
          variantId: bought.shopifyVariantId,
          title: "Trail Runner Jacket",
          variantTitle: "Medium / Blue",
          price: "89.00",
          quantity: 1,
        },
      ],
    });
    const eventId = randomUUID();
    const replies = await Promise.all([0, 1, 2].map(() => receive(shop, "orders/create", payload, eventId)));
    expect(replies.sort()).toEqual(["accepted", "duplicate", "duplicate"]);
    await waitForWebhook(eventId);
    // The same signed body under a new event id is a replay: answered "duplicate", not processed again.
    expect(await receive(shop, "orders/create", payload, randomUUID())).toBe("duplicate");
    await settle(shop.shopId);

    const order = await prisma.order.findFirstOrThrow({ where: { shopId: shop.shopId } });
    expect(await prisma.order.count({ where: { shopId: shop.shopId } })).toBe(1);
    const rows = await prisma.delivery.findMany({ where: { orderId: order.id, eventType: "upsell_offers_available" } });
    expect(rows.map((row) => [row.provider, row.status])).toEqual([["POSTSCRIPT", "DELIVERED"]]);
    const events = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "upsell_offers_available" });
    expect(events.map((event) => event.externalId)).toEqual([rows[0]!.idempotencyKey]);
  }, 60_000);

  it("Save changes double-clicked: one save, the other refused, one Order Editing Saved", async () => {
    const { shop, bought, offered } = await setUpOrderEditingShop();
    await createStrategy(shop.shopId, { placement: "DURING_EDITING", productIds: [offered.productId] });
    const { orderId, token } = await placeOrder(shop, bought);
    const { orderEditId } = await beginOrderEdit(token);
    const input = {
      token,
      orderEditId,
      lines: [{ index: 0, quantity: 2 }],
      added: [{ variantId: offered.id, quantity: 1 }],
      shippingAddress: null,
    };

    const saves = await Promise.allSettled([saveOrderEdit(input), saveOrderEdit(input)]);
    expect(saves.filter((save) => save.status === "fulfilled")).toHaveLength(1);
    const refused = saves.find((save) => save.status === "rejected");
    expect(refused?.reason).toBeInstanceOf(AppError);
    expect(refused?.reason).toMatchObject({ code: "CONFLICT" });
    await settle(shop.shopId);

    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.lineItems).toMatchObject([
      { title: "Trail Runner Jacket", quantity: 2 },
      { title: "Merino Beanie", quantity: 1, price: "24.00" },
    ]);
    const rows = await prisma.delivery.findMany({ where: { orderId, eventType: "order_editing_saved" } });
    expect(rows.map((row) => [row.provider, row.status])).toEqual([["POSTSCRIPT", "DELIVERED"]]);
    const events = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "order_editing_saved" });
    expect(events.map((event) => event.externalId)).toEqual([rows[0]!.idempotencyKey]);
  }, 60_000);
});
