import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prepareOrderForEditing } from "@/lib/order-editing/prepare-order-for-editing";
import type { ShippingAddress } from "@/lib/order-editing/shipping-address";
import { handleNewOrder } from "@/lib/preorder/handle-new-order";
import { recordOrderAttribution } from "@/lib/reports/record-order-attribution";
import { shopifyPhoneToE164 } from "./shopify-phone-to-e164";
import type { OrderLineItem } from "./order-line-item";
import { retryOnUniqueConflict } from "./retry-on-unique-conflict";
import type { AddressPayload, OrderPayload } from "./shopify-payload-schemas";

/** The contact and name fields of an order, from wherever Shopify put them (order, customer, addresses). */
export function orderContact(payload: OrderPayload): {
  email: string | null;
  phone: string | null;
  customerName: string | null;
} {
  const { customer, billing_address: billing, shipping_address: shipping } = payload;
  const countries = [shipping?.country_code, billing?.country_code, customer?.default_address?.country_code];
  const phones = [payload.phone, customer?.phone, billing?.phone, shipping?.phone, customer?.default_address?.phone];
  const phone = phones.map((p) => shopifyPhoneToE164(p, countries)).find(Boolean) ?? null;
  const email = (payload.email ?? payload.contact_email ?? customer?.email)?.toLowerCase() ?? null;
  const joined = (a?: { first_name: string | null; last_name: string | null } | null) =>
    [a?.first_name, a?.last_name].filter(Boolean).join(" ") || null;
  const customerName =
    joined(customer) ?? billing?.name ?? joined(billing) ?? shipping?.name ?? joined(shipping) ?? null;
  return { email, phone, customerName };
}

function shippingAddressOf(address: AddressPayload): ShippingAddress | null {
  if (!address?.address1) return null;
  return {
    name: address.name ?? ([address.first_name, address.last_name].filter(Boolean).join(" ") || ""),
    address1: address.address1,
    address2: address.address2 ?? "",
    city: address.city ?? "",
    province: address.province ?? "",
    zip: address.zip ?? "",
    country: address.country ?? address.country_code ?? "",
  };
}

/**
 * orders/create: stores the order (contact in E.164 / lowercase, line items mapped to our variants when we know
 * them), then hands it to the preorder and reminder logic and to order editing (deadline, Order Status upsell,
 * deadline nudge), and to the reports (recovered sales, preorders). Redelivery updates the same row and changes nothing else: each step is idempotent.
 */
export async function storeOrder(shopId: string, payload: OrderPayload): Promise<{ orderId: string }> {
  const variantIds = payload.line_items.map((l) => l.variant_id).filter((id): id is string => Boolean(id));
  const known = new Map(
    (
      await prisma.variant.findMany({
        where: { shopId, shopifyVariantId: { in: variantIds } },
        select: { id: true, shopifyVariantId: true },
      })
    ).map((v) => [v.shopifyVariantId, v.id]),
  );
  const lineItems: OrderLineItem[] = payload.line_items.map((l) => ({
    shopifyLineItemId: l.id ?? null,
    shopifyProductId: l.product_id ?? null,
    shopifyVariantId: l.variant_id ?? null,
    variantId: (l.variant_id && known.get(l.variant_id)) || null,
    title: l.title,
    variantTitle: l.variant_title,
    quantity: l.quantity,
    price: l.price,
    sku: l.sku,
  }));
  const fields = {
    name: payload.name,
    shopifyCustomerId: payload.customer?.id ?? null,
    ...orderContact(payload),
    placedAt: payload.created_at,
    currency: payload.currency,
    totalPrice: payload.total_price,
    cancelledAt: payload.cancelled_at,
  };
  const address = shippingAddressOf(payload.shipping_address);
  // A redelivery must not undo what the customer changed in the portal since: lines and address are only
  // taken from Shopify while the order has never been edited here.
  const original = { lineItems, shippingAddress: (address ?? undefined) as Prisma.InputJsonValue | undefined };
  const order = await retryOnUniqueConflict(async () => {
    const existing = await prisma.order.findUnique({
      where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: payload.id } },
      select: { lastEditedAt: true },
    });
    return prisma.order.upsert({
      where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: payload.id } },
      create: { shopId, shopifyOrderId: payload.id, ...fields, ...original },
      update: existing?.lastEditedAt ? fields : { ...fields, ...original },
    });
  });
  await handleNewOrder(order.id);
  await prepareOrderForEditing(order.id);
  await recordOrderAttribution(order.id);
  return { orderId: order.id };
}
