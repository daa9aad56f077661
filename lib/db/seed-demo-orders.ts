import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findDemoVariant } from "@/lib/shopify/demo-catalog";
import type { OrderLineItem } from "@/lib/shopify/order-line-item";

const HOUR = 3_600_000;

/** Demo orders: two the customer can still edit (their window restarts while unedited), one whose window is over. */
const DEMO_ORDERS = [
  {
    shopifyOrderId: "5901000001001",
    name: "#1001",
    customerName: "Jamie Rivera",
    email: "jamie@example.com",
    phone: "+15555550123",
    lines: [
      ["46211000000011", 1],
      ["46211000000031", 1],
    ],
    placedHoursAgo: 0,
    keepOpen: true,
  },
  {
    shopifyOrderId: "5901000001002",
    name: "#1002",
    customerName: "Priya Shah",
    email: "priya@example.com",
    phone: null,
    lines: [["46211000000061", 1]],
    placedHoursAgo: 0,
    keepOpen: true,
  },
  {
    shopifyOrderId: "5901000001000",
    name: "#1000",
    customerName: "Lee Morgan",
    email: "lee@example.com",
    phone: "+15555550188",
    lines: [["46211000000051", 1]],
    placedHoursAgo: 26,
    keepOpen: false,
  },
] as const;

const ADDRESS = {
  name: "",
  address1: "120 Harbor St",
  address2: "",
  city: "Portland",
  province: "ME",
  zip: "04101",
  country: "United States",
};

/**
 * Seeds the demo shop's orders for the order-editing portal (the shop's default 2-hour window). Idempotent; an
 * unedited "keep open" order whose window ran out gets a fresh one, so the demo portal links work after a restart.
 */
export async function seedDemoOrders(prisma: PrismaClient, shopId: string, now: Date = new Date()): Promise<void> {
  for (const demo of DEMO_ORDERS) {
    const placedAt = new Date(now.getTime() - demo.placedHoursAgo * HOUR);
    const editDeadline = new Date(placedAt.getTime() + 2 * HOUR);
    const existing = await prisma.order.findUnique({
      where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: demo.shopifyOrderId } },
    });
    if (existing) {
      if (demo.keepOpen && !existing.lastEditedAt && existing.editDeadline && existing.editDeadline < now) {
        await prisma.order.update({ where: { id: existing.id }, data: { placedAt, editDeadline } });
      }
      continue;
    }
    const lineItems: OrderLineItem[] = [];
    let total = 0;
    for (const [shopifyVariantId, quantity] of demo.lines) {
      const found = findDemoVariant(shopifyVariantId);
      const variant = await prisma.variant.findUnique({
        where: { shopId_shopifyVariantId: { shopId, shopifyVariantId } },
      });
      if (!found || !variant) continue;
      total += Number(found.variant.price) * quantity;
      lineItems.push({
        shopifyLineItemId: `${demo.shopifyOrderId}${lineItems.length + 1}`,
        shopifyProductId: found.product.shopifyProductId,
        shopifyVariantId,
        variantId: variant.id,
        title: found.product.title,
        variantTitle: found.variant.title,
        quantity,
        price: found.variant.price,
        sku: found.variant.sku,
      });
    }
    await prisma.order.create({
      data: {
        shopId,
        shopifyOrderId: demo.shopifyOrderId,
        name: demo.name,
        customerName: demo.customerName,
        email: demo.email,
        phone: demo.phone,
        lineItems,
        placedAt,
        currency: "USD",
        totalPrice: (total + 8).toFixed(2),
        shippingAddress: { ...ADDRESS, name: demo.customerName },
        editDeadline,
      },
    });
  }
}
