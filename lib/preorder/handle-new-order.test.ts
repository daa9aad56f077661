import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { addWaitlist, createEngineShop, createEngineVariant, waitFor } from "@/lib/restock/restock-test-fixtures";
import type { OrderLineItem } from "@/lib/shopify/order-line-item";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { handleNewOrder } from "./handle-new-order";

const sandbox = sandboxPerFile({ timeoutMs: 1_000 });

type Variant = Awaited<ReturnType<typeof createEngineVariant>>;

function line(variant: Variant | null, title: string, quantity = 1): OrderLineItem {
  return {
    shopifyLineItemId: `li-${Math.random()}`,
    shopifyProductId: variant?.product.shopifyProductId ?? null,
    shopifyVariantId: variant?.shopifyVariantId ?? null,
    variantId: variant?.id ?? null,
    title,
    variantTitle: null,
    quantity,
    price: "10.00",
    sku: null,
  };
}

async function order(
  shopId: string,
  lines: OrderLineItem[],
  contact: { phone?: string | null; email?: string | null; customerName?: string | null } = {},
) {
  return prisma.order.create({
    data: {
      shopId,
      shopifyOrderId: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      name: "#1001",
      phone: contact.phone ?? null,
      email: contact.email ?? null,
      customerName: contact.customerName ?? null,
      lineItems: lines,
    },
  });
}

const confirmations = (shopId: string) =>
  prisma.delivery.findMany({ where: { shopId, eventType: "preorder_sms_confirmed" } });

describe("handleNewOrder", () => {
  it("sends one preorder_sms_confirmed with the 7 properties for the preorder lines", async () => {
    const shop = await createEngineShop();
    const jacket = await createEngineVariant(shop.shopId, { preorder: true, shippingTimeline: "Ships by December 15" });
    const beanie = await createEngineVariant(shop.shopId, { preorder: true, shippingTimeline: "Ships by December 15" });
    const socks = await createEngineVariant(shop.shopId, { preorder: false });
    const placed = await order(
      shop.shopId,
      [
        line(jacket, "Trail Runner Jacket"),
        line(socks, "Trail Socks"),
        line(beanie, "Merino Beanie", 2),
        line(null, "Gift card"),
      ],
      { phone: "+15555550123", email: "jamie@example.com", customerName: "Jamie Rivera" },
    );
    await handleNewOrder(placed.id);
    await handleNewOrder(placed.id);

    const rows = await confirmations(shop.shopId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      idempotencyKey: `${shop.shopId}:preorder_sms_confirmed:${placed.id}`,
      orderId: placed.id,
      recipientPhone: "+15555550123",
      recipientEmail: "jamie@example.com",
      provider: "POSTSCRIPT",
      properties: {
        order_name: "#1001",
        products: "Trail Runner Jacket, Merino Beanie",
        first_product: "Trail Runner Jacket",
        products_count: 3,
        shipping_timeline: "Ships by December 15",
        shop_name: shop.name,
        customer_name: "Jamie Rivera",
      },
    });
    // Sent in-process (no Inngest dev server), through the same paced sender.
    await waitFor(async () => (await confirmations(shop.shopId))[0]?.status === "DELIVERED");
    const sent = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "preorder_sms_confirmed" });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ phone: "+15555550123", externalId: rows[0]!.idempotencyKey });
  });

  it("records a preorder with no phone and no email as skipped with the reason", async () => {
    const shop = await createEngineShop();
    const jacket = await createEngineVariant(shop.shopId, { preorder: true });
    const placed = await order(shop.shopId, [line(jacket, "Trail Runner Jacket")]);
    await handleNewOrder(placed.id);
    expect(await confirmations(shop.shopId)).toMatchObject([
      {
        status: "SKIPPED",
        skipReason: "customer has no phone and no email",
        recipientPhone: null,
        recipientEmail: null,
      },
    ]);
  });

  it("sends nothing for an order without preorder items", async () => {
    const shop = await createEngineShop();
    const socks = await createEngineVariant(shop.shopId);
    await handleNewOrder((await order(shop.shopId, [line(socks, "Trail Socks")], { phone: "+15555550100" })).id);
    expect(await confirmations(shop.shopId)).toHaveLength(0);
  });

  it("marks the buyer's waitlist entries for the bought variants PURCHASED, by phone or email", async () => {
    const shop = await createEngineShop();
    const jacket = await createEngineVariant(shop.shopId);
    const other = await createEngineVariant(shop.shopId);
    const [byPhone, bystander] = await addWaitlist(shop.shopId, jacket.id, 2);
    await prisma.waitlistEntry.create({
      data: {
        shopId: shop.shopId,
        variantId: jacket.id,
        customerKey: "sam@example.com",
        email: "Sam@Example.com",
        status: "NOTIFIED",
      },
    });
    await prisma.waitlistEntry.create({
      data: { shopId: shop.shopId, variantId: other.id, customerKey: byPhone!, phone: byPhone! },
    });

    await handleNewOrder((await order(shop.shopId, [line(jacket, "Jacket")], { phone: byPhone })).id);
    await handleNewOrder((await order(shop.shopId, [line(jacket, "Jacket")], { email: "sam@example.com" })).id);

    const entries = await prisma.waitlistEntry.findMany({
      where: { shopId: shop.shopId },
      select: { variantId: true, phone: true, email: true, status: true },
    });
    expect(entries.find((e) => e.phone === byPhone && e.variantId === jacket.id)?.status).toBe("PURCHASED");
    expect(entries.find((e) => e.email === "Sam@Example.com")?.status).toBe("PURCHASED");
    expect(entries.find((e) => e.phone === bystander)?.status).toBe("WAITING");
    // Another variant the same customer waits for is not bought by this order.
    expect(entries.find((e) => e.phone === byPhone && e.variantId === other.id)?.status).toBe("WAITING");
  });

  it("refuses an order that was not stored", async () => {
    await expect(handleNewOrder("missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
