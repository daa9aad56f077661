import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";
import type { DeliveryStatus } from "@/lib/generated/prisma/client";
import { createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { type OrderPayload, orderPayloadSchema, refundPayloadSchema } from "@/lib/shopify/shopify-payload-schemas";
import { storeOrder } from "@/lib/shopify/store-order";
import { orderPayload, refundPayload } from "@/lib/shopify/webhook-payloads";

/** Test fixtures for the reports: a shop (in a time zone), a variant, alerts in the ledger, orders through orders/create. */
export async function createReportShop(timeZone = "UTC") {
  const shop = await createEngineShop();
  await prisma.shop.update({ where: { id: shop.shopId }, data: { timeZone } });
  const variant = await createEngineVariant(shop.shopId, {
    productTitle: `Summit Parka ${randomBytes(2).toString("hex")}`,
  });
  const restock = await prisma.restock.create({
    data: { shopId: shop.shopId, variantId: variant.id, trigger: "MANUAL", available: 5 },
  });
  return { ...shop, variant, restock };
}

/** One back-in-stock alert of the restock in the ledger, as the sender leaves it. */
export async function addAlert(
  shopId: string,
  restockId: string,
  options: {
    phone?: string | null;
    email?: string | null;
    at: Date;
    status?: DeliveryStatus;
    skipReason?: string;
    /** The signup it was sent for (plan-restock links each alert to its waitlist entry). */
    waitlistEntryId?: string;
  },
) {
  const status = options.status ?? "DELIVERED";
  return prisma.delivery.create({
    data: {
      shopId,
      provider: "POSTSCRIPT",
      eventType: BACK_IN_STOCK_ALERT,
      idempotencyKey: `${shopId}:${BACK_IN_STOCK_ALERT}:${restockId}:${randomBytes(6).toString("hex")}`,
      status,
      recipientPhone: options.phone ?? null,
      recipientEmail: options.email ?? null,
      restockId,
      waitlistEntryId: options.waitlistEntryId ?? null,
      skipReason: options.skipReason ?? null,
      deliveredAt: status === "DELIVERED" ? options.at : null,
      createdAt: options.at,
    },
  });
}

/** An order through the real orders/create path (storeOrder), buying `quantity` of the variant. */
export async function placeOrder(
  shopId: string,
  variant: { shopifyVariantId: string; price: string; product: { title: string } },
  options: {
    at: Date;
    phone?: string | null;
    email?: string | null;
    quantity?: number;
    cancelledAt?: Date;
    customer?: { id: string; phone?: string; email?: string };
  },
) {
  const payload = orderPayload({
    email: options.email ?? null,
    phone: options.phone ?? null,
    createdAt: options.at.toISOString(),
    customer: options.customer
      ? {
          id: options.customer.id,
          firstName: "Jordan",
          lastName: "Lee",
          email: options.customer.email ?? null,
          phone: options.customer.phone ?? null,
        }
      : undefined,
    lineItems: [
      {
        productId: "8800000001",
        variantId: variant.shopifyVariantId,
        title: variant.product.title,
        variantTitle: "Medium / Blue",
        price: variant.price,
        quantity: options.quantity ?? 1,
      },
    ],
  });
  const parsed = orderPayloadSchema.parse({
    ...payload,
    cancelled_at: options.cancelledAt?.toISOString() ?? null,
    // As the webhook route's lossless JSON parse leaves it: ids past 2^53 stay exact strings.
    customer:
      payload.customer && options.customer ? { ...payload.customer, id: options.customer.id } : payload.customer,
  });
  return { ...(await storeOrder(shopId, parsed)), payload: parsed };
}

/** A refunds/create body (parsed as processing parses it) refunding `quantity` of the order's first line. */
export function refundOf(
  order: Pick<OrderPayload, "id" | "line_items">,
  refund: { quantity: number; subtotal: string; refundId?: string },
) {
  const line = order.line_items[0]!;
  return refundPayloadSchema.parse(
    refundPayload({
      orderId: order.id,
      refundId: refund.refundId,
      lines: [
        {
          lineItemId: Number(line.id),
          variantId: Number(line.variant_id),
          quantity: refund.quantity,
          subtotal: refund.subtotal,
        },
      ],
    }),
  );
}
