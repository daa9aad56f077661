import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCatalogSync } from "@/lib/catalog/start-catalog-sync";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import { orderPayloadSchema } from "@/lib/shopify/shopify-payload-schemas";
import { storeOrder } from "@/lib/shopify/store-order";
import { catalogFromInput, standinCatalogSchema } from "@/lib/shopify-standin/standin-catalog";
import { startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { beginOrderEdit } from "./begin-order-edit";
import { signPortalToken } from "./portal-token";
import { saveOrderEdit } from "./save-order-edit";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
let seq = Math.floor(Math.random() * 100_000);

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterAll(() => standin.close());

const address = {
  name: "Jamie Rivera",
  address1: "12 Harbour St",
  address2: "",
  city: "Halifax",
  province: "NS",
  zip: "B3H 1A1",
  country: "Canada",
};

/** An installed shop with a synced catalog (jacket in stock, beanie in stock, boots sold out) and an order in Shopify and in Signalboard. */
async function connectedOrder(options: { financialStatus?: "PAID" | "PENDING" } = {}) {
  const { shopId, store } = await standin.installedShop();
  const n = BigInt(seq++) * 1000n;
  const id = (base: bigint) => String(base + n);
  const ids = { jacket: id(47_000_000_000_001n), beanie: id(47_000_000_000_002n), boots: id(47_000_000_000_003n) };
  const items = { jacket: id(48_000_000_000_001n), beanie: id(48_000_000_000_002n), boots: id(48_000_000_000_003n) };
  const location = id(71_000_000_000_001n);
  standin.state.catalogs.set(
    store.domain,
    catalogFromInput(
      standinCatalogSchema.parse({
        locations: [{ id: location, name: "Warehouse", fulfillsOnlineOrders: true }],
        products: [
          {
            id: id(88_000_000_000_001n),
            title: "Trail Runner Jacket",
            handle: "jacket",
            variants: [{ id: ids.jacket, inventoryItemId: items.jacket, title: "Medium", price: "89.00", sku: "J-M" }],
          },
          {
            id: id(88_000_000_000_002n),
            title: "Merino Beanie",
            handle: "beanie",
            variants: [
              { id: ids.beanie, inventoryItemId: items.beanie, title: "Charcoal", price: "30.00", sku: "B-C" },
            ],
          },
          {
            id: id(88_000_000_000_003n),
            title: "Summit Boots",
            handle: "boots",
            variants: [{ id: ids.boots, inventoryItemId: items.boots, title: "42", price: "150.00", sku: "S-42" }],
          },
        ],
        levels: [
          [items.jacket, location, 5],
          [items.beanie, location, 9],
          [items.boots, location, 0],
        ],
      }),
    ),
  );
  await startCatalogSync(shopId, "FULL");
  const res = await fetch(`${standin.url}/standin/stores/${store.domain}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: "jamie@example.com",
      phone: "+15555550123",
      customer: { firstName: "Jamie", lastName: "Rivera" },
      taxRate: 0.15,
      shipping: "10.00",
      financialStatus: options.financialStatus ?? "PAID",
      lines: [{ variantId: ids.jacket, quantity: 1 }],
      shippingAddress: {
        firstName: "Jamie",
        lastName: "Rivera",
        address1: "1 Old Rd",
        city: "Toronto",
        zip: "M5V 1A1",
        country: "Canada",
      },
    }),
  });
  expect(res.status).toBe(201);
  const { order: payload } = (await res.json()) as { order: { id: number } };
  const { orderId } = await storeOrder(shopId, orderPayloadSchema.parse(payload));
  const token = signPortalToken(orderId);
  const { orderEditId } = await beginOrderEdit(token);
  const variant = (shopifyVariantId: string) =>
    prisma.variant.findUniqueOrThrow({ where: { shopId_shopifyVariantId: { shopId, shopifyVariantId } } });
  const shopifyOrder = async () => {
    const answer = await fetch(`${standin.url}/standin/stores/${store.domain}/orders/${payload.id}`);
    return (await answer.json()) as {
      order: {
        line_items: { variant_id: number; quantity: number; price: string }[];
        total_price: string;
        shipping_address: { address1: string } | null;
      };
      totals: Record<string, string>;
      notified: number;
    };
  };
  return {
    shopId,
    store,
    orderId,
    token,
    orderEditId,
    ids,
    items,
    location,
    variant,
    shopifyOrder,
    shopifyOrderId: String(payload.id),
  };
}

const localOrder = (orderId: string) => prisma.order.findUniqueOrThrow({ where: { id: orderId } });

describe("order edits written back to Shopify", () => {
  it("an edit Shopify accepts: Shopify's order and ours agree, with Shopify's tax, shipping and balance due", async () => {
    const o = await connectedOrder();
    const before = await o.shopifyOrder();
    // 89.00 + 15% tax + 10.00 shipping.
    expect(before.totals).toMatchObject({
      subtotal: "89.00",
      tax: "13.35",
      shipping: "10.00",
      total: "112.35",
      outstanding: "0.00",
    });
    // The customer Shopify sends with orders/create is the one on our copy.
    expect(await localOrder(o.orderId)).toMatchObject({
      customerName: "Jamie Rivera",
      shopifyCustomerId: expect.stringMatching(/^\d+$/),
    });
    const beanie = await o.variant(o.ids.beanie);

    const saved = await saveOrderEdit({
      token: o.token,
      orderEditId: o.orderEditId,
      lines: [{ index: 0, quantity: 2 }],
      added: [{ variantId: beanie.id, quantity: 1 }],
      shippingAddress: address,
    });

    const after = await o.shopifyOrder();
    // 2 × 89 + 30 = 208; tax 31.20; shipping 10 → 249.20; 112.35 already paid.
    expect(after.totals).toMatchObject({ subtotal: "208.00", tax: "31.20", total: "249.20", outstanding: "136.85" });
    expect(after.order.shipping_address?.address1).toBe("12 Harbour St");
    expect(saved.totalPrice).toBe("249.20");
    expect(saved.balance).toEqual({ kind: "due", amount: "136.85", currency: "CAD" });

    const ours = await localOrder(o.orderId);
    expect(ours.totalPrice).toBe(after.order.total_price);
    const lines = readOrderLineItems(ours.lineItems);
    expect(
      lines
        .map((l) => ({ variant: l.shopifyVariantId, quantity: l.quantity, price: l.price }))
        .sort((a, b) => a.variant!.localeCompare(b.variant!)),
    ).toEqual(
      after.order.line_items
        .map((l) => ({ variant: String(l.variant_id), quantity: l.quantity, price: l.price }))
        .sort((a, b) => a.variant.localeCompare(b.variant)),
    );
    expect(lines.every((l) => l.shopifyLineItemId && /^\d+$/.test(l.shopifyLineItemId))).toBe(true);
    expect(lines.find((l) => l.shopifyVariantId === o.ids.beanie)?.variantId).toBe(beanie.id);
    expect(ours.shippingAddress).toMatchObject({ address1: "12 Harbour St" });
    expect((await prisma.orderEdit.findUniqueOrThrow({ where: { id: o.orderEditId } })).status).toBe("SAVED");
    // The units left Shopify's stock, and Shopify said so by webhook.
    const stockHooks = standin.state.webhooks
      .filter((w) => w.topic === "inventory_levels/update" && w.shop === o.store.domain)
      .map((w) => w.payload as { inventory_item_id: number; available: number });
    expect(stockHooks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ inventory_item_id: Number(o.items.jacket), available: 4 }),
        expect.objectContaining({ inventory_item_id: Number(o.items.beanie), available: 8 }),
      ]),
    );
    expect(after.notified).toBe(0);
  }, 60_000);

  it("a lower total shows the refund Shopify computes; the upsell price reaches Shopify as a line discount", async () => {
    const o = await connectedOrder();
    await prisma.orderEditingSettings.create({ data: { shopId: o.shopId, notifyCustomerOnEdit: true } });
    const beanie = await o.variant(o.ids.beanie);
    const strategy = await prisma.upsellStrategy.create({
      data: {
        shopId: o.shopId,
        name: "Beanie",
        discountType: "PERCENTAGE",
        discountValue: "20",
        productIds: [beanie.productId],
      },
    });
    expect(strategy.id).toBeTruthy();
    // Jacket removed, beanie added at the offer (30.00 − 20% = 24.00): 24 + 3.60 tax + 10 = 37.60; 74.75 back.
    const saved = await saveOrderEdit({
      token: o.token,
      orderEditId: o.orderEditId,
      lines: [{ index: 0, quantity: 0 }],
      added: [{ variantId: beanie.id, quantity: 1 }],
      shippingAddress: null,
    });
    const after = await o.shopifyOrder();
    expect(after.order.line_items).toEqual([
      expect.objectContaining({ variant_id: Number(o.ids.beanie), quantity: 1 }),
    ]);
    expect(after.totals).toMatchObject({ subtotal: "24.00", tax: "3.60", total: "37.60", outstanding: "-74.75" });
    expect(saved.balance).toEqual({ kind: "refund", amount: "74.75", currency: "CAD" });
    expect(after.notified).toBe(1);
    const lines = readOrderLineItems((await localOrder(o.orderId)).lineItems);
    expect(lines).toEqual([expect.objectContaining({ shopifyVariantId: o.ids.beanie, quantity: 1, price: "24.00" })]);
  }, 60_000);

  const refusals: [
    string,
    (
      o: Awaited<ReturnType<typeof connectedOrder>>,
    ) => Promise<{ lines: { index: number; quantity: number }[]; added: { variantId: string; quantity: number }[] }>,
    RegExp,
  ][] = [
    [
      "an item out of stock in Shopify",
      async (o) => {
        // Our copy still thinks the beanie is in stock; Shopify knows the last units just sold.
        standin.state.catalog(o.store.domain).levels.get(o.items.beanie)!.set(o.location, 0);
        return { lines: [], added: [{ variantId: (await o.variant(o.ids.beanie)).id, quantity: 1 }] };
      },
      /out of stock/,
    ],
    [
      "an order fulfilled in Shopify meanwhile",
      async (o) => {
        await fetch(`${standin.url}/standin/stores/${o.store.domain}/orders/${o.shopifyOrderId}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ fulfilled: true }),
        });
        return { lines: [{ index: 0, quantity: 2 }], added: [] };
      },
      /fulfilled/,
    ],
  ];
  for (const [what, arrange, reason] of refusals) {
    it(`an edit Shopify refuses (${what}) tells the customer why and changes nothing anywhere`, async () => {
      const o = await connectedOrder();
      const shopifyBefore = await o.shopifyOrder();
      const oursBefore = await localOrder(o.orderId);
      const { lines, added } = await arrange(o);
      const error = await saveOrderEdit({
        token: o.token,
        orderEditId: o.orderEditId,
        lines,
        added,
        shippingAddress: address,
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("CONFLICT");
      expect((error as AppError).message).toMatch(reason);
      expect((error as AppError).message).toMatch(/Nothing was changed/);

      const shopifyAfter = await o.shopifyOrder();
      expect({ ...shopifyAfter.order, fulfillment_status: null }).toEqual({
        ...shopifyBefore.order,
        fulfillment_status: null,
      });
      expect(shopifyAfter.order.shipping_address?.address1).toBe("1 Old Rd");
      const oursAfter = await localOrder(o.orderId);
      expect({
        lineItems: oursAfter.lineItems,
        totalPrice: oursAfter.totalPrice,
        shippingAddress: oursAfter.shippingAddress,
        lastEditedAt: oursAfter.lastEditedAt,
      }).toEqual({
        lineItems: oursBefore.lineItems,
        totalPrice: oursBefore.totalPrice,
        shippingAddress: oursBefore.shippingAddress,
        lastEditedAt: oursBefore.lastEditedAt,
      });
      const session = await prisma.orderEdit.findUniqueOrThrow({ where: { id: o.orderEditId } });
      expect(session).toMatchObject({ status: "OPEN", writingAt: null, savedAt: null });
      expect(await prisma.delivery.count({ where: { shopId: o.shopId, eventType: "order_editing_saved" } })).toBe(0);
    }, 60_000);
  }

  it("a pending payment refuses the edit before anything is staged", async () => {
    const o = await connectedOrder({ financialStatus: "PENDING" });
    const error = await saveOrderEdit({
      token: o.token,
      orderEditId: o.orderEditId,
      lines: [{ index: 0, quantity: 2 }],
      added: [],
      shippingAddress: null,
    }).catch((e: unknown) => e);
    expect((error as AppError).message).toMatch(/payment is pending/);
    expect((await o.shopifyOrder()).order.line_items).toEqual([expect.objectContaining({ quantity: 1 })]);
  }, 60_000);
});
