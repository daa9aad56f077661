import { prisma } from "@/lib/db/prisma";
import { handleNewOrder } from "@/lib/preorder/handle-new-order";
import { normalizePhone } from "./normalize-phone";
import type { OrderLineItem } from "./order-line-item";
import { retryOnUniqueConflict } from "./retry-on-unique-conflict";
import type { OrderPayload } from "./shopify-payload-schemas";

/** The contact and name fields of an order, from wherever Shopify put them (order, customer, addresses). */
export function orderContact(payload: OrderPayload): { email: string | null; phone: string | null; customerName: string | null } {
  const { customer, billing_address: billing, shipping_address: shipping } = payload;
  const countries = [shipping?.country_code, billing?.country_code, customer?.default_address?.country_code];
  const phones = [payload.phone, customer?.phone, billing?.phone, shipping?.phone, customer?.default_address?.phone];
  const phone = phones.map((p) => normalizePhone(p, countries)).find(Boolean) ?? null;
  const email = (payload.email ?? payload.contact_email ?? customer?.email)?.toLowerCase() ?? null;
  const joined = (a?: { first_name: string | null; last_name: string | null } | null) =>
    [a?.first_name, a?.last_name].filter(Boolean).join(" ") || null;
  const customerName = joined(customer) ?? billing?.name ?? joined(billing) ?? shipping?.name ?? joined(shipping) ?? null;
  return { email, phone, customerName };
}

/**
 * orders/create: stores the order (contact in E.164 / lowercase, line items mapped to our variants when we know
 * them), then hands it to the preorder and reminder logic. Redelivery updates the same row.
 */
export async function storeOrder(shopId: string, payload: OrderPayload): Promise<{ orderId: string }> {
  const variantIds = payload.line_items.map((l) => l.variant_id).filter((id): id is string => Boolean(id));
  const known = new Map(
    (await prisma.variant.findMany({ where: { shopId, shopifyVariantId: { in: variantIds } }, select: { id: true, shopifyVariantId: true } })).map(
      (v) => [v.shopifyVariantId, v.id],
    ),
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
  const fields = { name: payload.name, ...orderContact(payload), lineItems };
  const order = await retryOnUniqueConflict(() =>
    prisma.order.upsert({
      where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: payload.id } },
      create: { shopId, shopifyOrderId: payload.id, ...fields },
      update: fields,
    }),
  );
  await handleNewOrder(order.id);
  return { orderId: order.id };
}
