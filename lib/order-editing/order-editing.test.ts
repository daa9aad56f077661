import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { NO_CONTACT_REASON, POSTSCRIPT_NOT_SELECTED_REASON } from "@/lib/deliveries/event-types";
import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { AppError } from "@/lib/errors/app-error";
import { type EngineShop, waitFor } from "@/lib/restock/restock-test-fixtures";
import { processShopifyWebhook } from "@/lib/shopify/process-shopify-webhook";
import { storeOrder } from "@/lib/shopify/store-order";
import { orderClosedPayload } from "@/lib/shopify/webhook-payloads";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { beginOrderEdit } from "./begin-order-edit";
import { checkAbandonedEdit } from "./check-abandoned-edit";
import { getPortalView } from "./get-portal-view";
import { createStrategy, placeOrder, setUpOrderEditingShop } from "./order-editing-test-fixtures";
import { signPortalToken } from "./portal-token";
import { saveOrderEdit } from "./save-order-edit";
import { sendDeadlineNudge } from "./send-deadline-nudge";
import { sweepOrderEditing } from "./sweep-order-editing";

const sandbox = sandboxPerFile({ timeoutMs: 1_000 });

const MINUTE = 60_000;

const ledger = (orderId: string) =>
  prisma.delivery.findMany({
    where: { orderId },
    orderBy: { createdAt: "asc" },
    select: { eventType: true, provider: true, status: true, skipReason: true, properties: true, idempotencyKey: true },
  });

/** The shop's event of that type once the sender delivered it to the sandbox (queued events go out in the background). */
async function delivered(shop: EngineShop, type: string) {
  await drainShopDeliveries(shop.shopId);
  return waitFor(() => sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type })[0]);
}

async function refused(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("orders/create → editable order", () => {
  it("sets the deadline from Shopify's order time and keeps it on redelivery", async () => {
    const { shop, bought } = await setUpOrderEditingShop({ settings: { editWindowMinutes: 30 } });
    const placed = new Date(Date.now() - 10 * MINUTE);
    const { orderId, payload } = await placeOrder(shop, bought, { createdAt: placed.toISOString() });
    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.editDeadline?.getTime()).toBe(placed.getTime() + 30 * MINUTE);
    expect(order.shippingAddress).toMatchObject({ address1: "200 Elgin Street", city: "Burlington", zip: "05401" });

    await prisma.orderEditingSettings.update({ where: { shopId: shop.shopId }, data: { editWindowMinutes: 120 } });
    await storeOrder(shop.shopId, payload);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).editDeadline).toEqual(order.editDeadline);
  });

  it("has no deadline when the window is until fulfilled, and orders/fulfilled closes it", async () => {
    const { shop, bought } = await setUpOrderEditingShop({ settings: { editUntilFulfilled: true } });
    const { orderId, token, payload } = await placeOrder(shop, bought);
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).editDeadline).toBeNull();
    expect((await getPortalView(token)).kind).toBe("open");

    const webhook = await prisma.webhookEvent.create({
      data: {
        shopId: shop.shopId,
        shopDomain: shop.domain,
        webhookId: `wh-${orderId}`,
        topic: "orders/fulfilled",
        payload: orderClosedPayload({ orderId: payload.id, how: "fulfilled" }),
      },
    });
    await processShopifyWebhook(webhook.id);
    const view = await getPortalView(token);
    expect(view).toMatchObject({ kind: "closed", message: expect.stringMatching(/already been fulfilled/) });
    expect((await refused(beginOrderEdit(token))).code).toBe("GONE");
  });

  it("sends Upsell Offers Available for an Order Status strategy, with the deadline and the portal link", async () => {
    const { shop, bought, offered } = await setUpOrderEditingShop();
    await createStrategy(shop.shopId, {
      placement: "ORDER_STATUS",
      productIds: [offered.productId],
      name: "Order status add-ons",
    });
    const { orderId, token } = await placeOrder(shop, bought);
    const rows = await ledger(orderId);
    expect(rows.map((r) => [r.eventType, r.provider])).toEqual([["upsell_offers_available", "POSTSCRIPT"]]);

    const event = await delivered(shop, "upsell_offers_available");
    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(event).toMatchObject({ phone: "+15555550123", email: "jamie@example.com" });
    expect(event.properties).toEqual({
      order_name: order.name,
      edit_url: `http://localhost:3000/edit/${token}`,
      edit_deadline: order.editDeadline!.toISOString(),
      edit_deadline_local: expect.stringMatching(/^[A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} [AP]M UTC$/),
      shop_name: shop.name,
      customer_name: "Jamie Rivera",
      customer_email: "jamie@example.com",
      customer_phone: "+15555550123",
      strategy_name: "Order status add-ons",
      offer_count: 1,
    });
  });
});

describe("editing in the portal", () => {
  it("Started and Upsell Recommendations once per session, with every offer property and no Klaviyo row", async () => {
    const { shop, bought, offered } = await setUpOrderEditingShop();
    await createStrategy(shop.shopId, { placement: "DURING_EDITING", productIds: [offered.productId] });
    const { orderId, token } = await placeOrder(shop, bought);

    const view = await getPortalView(token);
    expect(view.kind === "open" && view.offers.map((o) => [o.productTitle, o.price, o.compareAtPrice])).toEqual([
      ["Merino Beanie", "24.00", "30.00"],
    ]);
    expect(await ledger(orderId)).toEqual([]); // opening the page sends nothing

    const first = await beginOrderEdit(token);
    const again = await beginOrderEdit(token);
    expect(again).toEqual({ orderEditId: first.orderEditId, started: false });
    const rows = await ledger(orderId);
    expect(rows.map((r) => [r.eventType, r.provider])).toEqual([
      ["order_editing_started", "POSTSCRIPT"],
      ["upsell_recommendations", "POSTSCRIPT"],
    ]);

    const upsell = await delivered(shop, "upsell_recommendations");
    const inbox = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) });
    expect(upsell.properties).toMatchObject({
      strategy_name: "Winter add-ons",
      offer_count: 1,
      offer_1_product_title: "Merino Beanie",
      offer_1_price: "24.00",
      offer_1_compare_at_price: "30.00",
      offer_1_image_url: expect.stringMatching(/^https:\/\/cdn\.example\.com\//),
      offer_1_discount_amount: "20",
      offer_1_discount_type: "percentage",
      edit_url: expect.stringContaining(`/edit/${token}`),
    });
    expect(Object.keys(inbox.find((e) => e.type === "order_editing_started")!.properties).sort()).toEqual([
      "customer_email",
      "customer_name",
      "customer_phone",
      "edit_deadline",
      "edit_deadline_local",
      "edit_url",
      "order_name",
      "shop_name",
    ]);
    expect(await prisma.delivery.count({ where: { orderId, provider: "KLAVIYO" } })).toBe(0);
  });

  it("records the upsell as skipped when Postscript is not selected on the strategy", async () => {
    const { shop, bought, offered } = await setUpOrderEditingShop();
    await createStrategy(shop.shopId, {
      placement: "DURING_EDITING",
      productIds: [offered.productId],
      notifyPostscript: false,
    });
    const { orderId, token } = await placeOrder(shop, bought);
    await beginOrderEdit(token);
    const upsell = (await ledger(orderId)).find((r) => r.eventType === "upsell_recommendations");
    expect(upsell).toMatchObject({
      provider: "POSTSCRIPT",
      status: "SKIPPED",
      skipReason: POSTSCRIPT_NOT_SELECTED_REASON,
    });
  });

  it("skips every event of a customer with no phone and no email, with that reason", async () => {
    const { shop, bought } = await setUpOrderEditingShop();
    const { orderId, token } = await placeOrder(shop, bought, { phone: null, email: null });
    await beginOrderEdit(token);
    expect(await ledger(orderId)).toMatchObject([
      { eventType: "order_editing_started", status: "SKIPPED", skipReason: NO_CONTACT_REASON },
    ]);
  });

  it("queues Klaviyo rows (and not Postscript) when the shop sends editing events to Klaviyo only", async () => {
    const { shop, bought } = await setUpOrderEditingShop({
      settings: { notifyPostscript: false, notifyKlaviyo: true },
    });
    const { orderId, token } = await placeOrder(shop, bought);
    await beginOrderEdit(token);
    expect((await ledger(orderId)).map((r) => [r.eventType, r.provider, r.status, r.skipReason])).toEqual([
      ["order_editing_started", "KLAVIYO", "SKIPPED", "Klaviyo is not connected (no API key saved)"],
    ]);
  });

  it("saves quantities, an offer at its discounted price and the address, then sends Saved with what changed", async () => {
    const { shop, bought, offered } = await setUpOrderEditingShop();
    await createStrategy(shop.shopId, { placement: "DURING_EDITING", productIds: [offered.productId] });
    const { orderId, token } = await placeOrder(shop, bought);
    const { orderEditId } = await beginOrderEdit(token);
    const address = {
      name: "Jamie Rivera",
      address1: "9 Harbor Rd",
      address2: "",
      city: "Portland",
      province: "ME",
      zip: "04101",
      country: "United States",
    };

    const saved = await saveOrderEdit({
      token,
      orderEditId,
      lines: [{ index: 0, quantity: 2 }],
      added: [{ variantId: offered.id, quantity: 1 }],
      shippingAddress: address,
    });
    expect(saved.changes.summary).toBe(
      "Trail Runner Jacket (Medium / Blue): quantity 1 → 2; added Merino Beanie (Medium / Blue) × 1; shipping address updated",
    );
    expect(saved.totalPrice).toBe("202.00"); // 89 + 89 + 24 (20% off 30)

    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { edits: true } });
    expect(order.lineItems).toMatchObject([
      { title: "Trail Runner Jacket", quantity: 2 },
      { title: "Merino Beanie", quantity: 1, price: "24.00" },
    ]);
    expect(order.shippingAddress).toEqual(address);
    expect(order.edits).toMatchObject([{ status: "SAVED" }]);

    const savedEvent = await delivered(shop, "order_editing_saved");
    expect(savedEvent.properties).toMatchObject({
      changes_summary: saved.changes.summary,
      items_added: 1,
      items_removed: 0,
      quantities_changed: 1,
      address_changed: true,
      new_total: "202.00",
      currency: "USD",
    });

    // The same save again (a double click): refused, nothing changes, nothing is sent twice.
    const error = await refused(
      saveOrderEdit({
        token,
        orderEditId,
        lines: [{ index: 0, quantity: 2 }],
        added: [{ variantId: offered.id, quantity: 1 }],
        shippingAddress: address,
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect((await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).lineItems).toEqual(order.lineItems);
    expect(await prisma.delivery.count({ where: { orderId, eventType: "order_editing_saved" } })).toBe(1);
  });

  it("refuses bad edits with a specific message and changes nothing", async () => {
    const { shop, bought } = await setUpOrderEditingShop();
    const other = await setUpOrderEditingShop();
    const { orderId, token } = await placeOrder(shop, bought);
    const { orderEditId } = await beginOrderEdit(token);
    const before = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const otherToken = signPortalToken((await placeOrder(other.shop, other.bought)).orderId);
    const otherEdit = await beginOrderEdit(otherToken);

    const cases: [Parameters<typeof saveOrderEdit>[0], string | RegExp][] = [
      [{ token, orderEditId, lines: [], added: [], shippingAddress: null }, /^Nothing changed/],
      [
        { token, orderEditId, lines: [{ index: 0, quantity: 0 }], added: [], shippingAddress: null },
        /at least one item/,
      ],
      [
        { token, orderEditId, lines: [{ index: 7, quantity: 1 }], added: [], shippingAddress: null },
        /no longer in this order/,
      ],
      [
        { token, orderEditId, lines: [], added: [{ variantId: other.offered.id, quantity: 1 }], shippingAddress: null },
        /not available from this store/,
      ],
      [
        { token, orderEditId, lines: [{ index: 0, quantity: 7 }], added: [], shippingAddress: null },
        /^Only 5 more of Trail Runner Jacket/,
      ],
      [
        {
          token,
          orderEditId: otherEdit.orderEditId,
          lines: [{ index: 0, quantity: 2 }],
          added: [],
          shippingAddress: null,
        },
        /not valid for this order/,
      ],
      [
        {
          token: otherToken.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
          orderEditId,
          lines: [{ index: 0, quantity: 2 }],
          added: [],
          shippingAddress: null,
        },
        /link is not valid/,
      ],
    ];
    for (const [input, message] of cases) {
      expect((await refused(saveOrderEdit(input))).message).toMatch(message);
    }
    expect(await prisma.order.findUniqueOrThrow({ where: { id: orderId } })).toEqual(before);
    expect(await prisma.delivery.count({ where: { orderId, eventType: "order_editing_saved" } })).toBe(0);
  });

  it("closes editing at the deadline with the time in the shop's zone", async () => {
    const { shop, bought } = await setUpOrderEditingShop({ settings: { editWindowMinutes: 30 } });
    const { token } = await placeOrder(shop, bought, { createdAt: new Date(Date.now() - 31 * MINUTE).toISOString() });
    expect(await getPortalView(token)).toMatchObject({
      kind: "closed",
      message: expect.stringMatching(/^Editing for this order closed on .+ UTC\. Contact the store/),
    });
    expect((await refused(beginOrderEdit(token))).code).toBe("GONE");
  });
});

describe("abandoned edits and deadline nudges", () => {
  it("sends Abandoned once the delay passed without a save, and never after a save", async () => {
    const { shop, bought } = await setUpOrderEditingShop({ settings: { abandonedDelayMinutes: 30 } });
    const { orderId, token } = await placeOrder(shop, bought);
    const { orderEditId } = await beginOrderEdit(token);
    const edit = await prisma.orderEdit.findUniqueOrThrow({ where: { id: orderEditId } });

    expect(await checkAbandonedEdit(orderEditId, new Date(edit.abandonCheckAt!.getTime() - 1))).toBe("not_due");
    expect(await checkAbandonedEdit(orderEditId, edit.abandonCheckAt!)).toBe("abandoned");
    expect(await checkAbandonedEdit(orderEditId, edit.abandonCheckAt!)).toBe("abandoned");
    const abandoned = (await ledger(orderId)).filter((r) => r.eventType === "order_editing_abandoned");
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]!.properties).toMatchObject({ edit_started_at: edit.startedAt.toISOString() });

    // The customer came back before the window closed: the abandoned session can still be saved.
    await saveOrderEdit({ token, orderEditId, lines: [{ index: 0, quantity: 2 }], added: [], shippingAddress: null });

    const second = await setUpOrderEditingShop();
    const placed = await placeOrder(second.shop, second.bought);
    const session = await beginOrderEdit(placed.token);
    await saveOrderEdit({
      token: placed.token,
      orderEditId: session.orderEditId,
      lines: [{ index: 0, quantity: 2 }],
      added: [],
      shippingAddress: null,
    });
    expect(await checkAbandonedEdit(session.orderEditId, new Date(Date.now() + 3 * 60 * MINUTE))).toBe("saved");
    expect(
      await prisma.delivery.count({ where: { orderId: placed.orderId, eventType: "order_editing_abandoned" } }),
    ).toBe(0);
  });

  it("two checks at once (the job and the sweep) both report Abandoned, and only one sends it", async () => {
    const { shop, bought } = await setUpOrderEditingShop({ settings: { abandonedDelayMinutes: 30 } });
    const { orderId, token } = await placeOrder(shop, bought);
    const { orderEditId } = await beginOrderEdit(token);
    const { abandonCheckAt } = await prisma.orderEdit.findUniqueOrThrow({ where: { id: orderEditId } });

    const outcomes = await Promise.all([1, 2, 3].map(() => checkAbandonedEdit(orderEditId, abandonCheckAt!)));
    expect(outcomes).toEqual(["abandoned", "abandoned", "abandoned"]);
    expect(await prisma.delivery.count({ where: { orderId, eventType: "order_editing_abandoned" } })).toBe(1);
  });

  it("nudges customers who have not edited, once, and only when the nudge is on", async () => {
    const { shop, bought } = await setUpOrderEditingShop({
      settings: { editWindowMinutes: 120, deadlineNudgeEnabled: true, deadlineNudgeMinutes: 30 },
    });
    const { orderId } = await placeOrder(shop, bought);
    expect(await sendDeadlineNudge(orderId)).toBe("sent");
    expect(await sendDeadlineNudge(orderId)).toBe("sent");
    const nudges = (await ledger(orderId)).filter((r) => r.eventType === "order_editing_deadline_approaching");
    expect(nudges).toHaveLength(1);
    expect(nudges[0]!.properties).toMatchObject({ minutes_left: 120 });

    const edited = await placeOrder(shop, bought);
    const session = await beginOrderEdit(edited.token);
    await saveOrderEdit({
      token: edited.token,
      orderEditId: session.orderEditId,
      lines: [{ index: 0, quantity: 2 }],
      added: [],
      shippingAddress: null,
    });
    expect(await sendDeadlineNudge(edited.orderId)).toBe("already_edited");

    const off = await setUpOrderEditingShop();
    expect(await sendDeadlineNudge((await placeOrder(off.shop, off.bought)).orderId)).toBe("disabled");
  });

  it("the sweep finds due abandoned checks and nudges (the fallback when a scheduled function never ran)", async () => {
    const { shop, bought } = await setUpOrderEditingShop({
      settings: {
        editWindowMinutes: 60,
        abandonedDelayMinutes: 30,
        deadlineNudgeEnabled: true,
        deadlineNudgeMinutes: 20,
      },
    });
    const { orderId, token } = await placeOrder(shop, bought);
    await beginOrderEdit(token);
    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });

    await sweepOrderEditing(new Date(order.editDeadline!.getTime() - 40 * MINUTE), { shopId: shop.shopId });
    expect(
      await prisma.delivery.count({
        where: { orderId, eventType: { in: ["order_editing_abandoned", "order_editing_deadline_approaching"] } },
      }),
    ).toBe(0);

    await sweepOrderEditing(new Date(order.editDeadline!.getTime() - 10 * MINUTE), { shopId: shop.shopId });
    const types = (await ledger(orderId)).map((r) => r.eventType);
    expect(types.filter((t) => t === "order_editing_abandoned")).toHaveLength(1);
    expect(types.filter((t) => t === "order_editing_deadline_approaching")).toHaveLength(1);

    await sweepOrderEditing(new Date(order.editDeadline!.getTime() - 5 * MINUTE), { shopId: shop.shopId });
    expect((await ledger(orderId)).length).toBe(types.length);
  });
});
