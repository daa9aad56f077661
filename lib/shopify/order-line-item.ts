/**
 * One line of an Order as stored in `Order.lineItems` (JSON) by orders/create. `variantId` is our Variant.id
 * when the variant is in the local catalog, else null; the Shopify ids are kept as strings.
 */
export type OrderLineItem = {
  shopifyLineItemId: string | null;
  shopifyProductId: string | null;
  shopifyVariantId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  price: string | null;
  sku: string | null;
};

/** Reads `Order.lineItems` back; anything not shaped like a line item is dropped rather than trusted. */
export function readOrderLineItems(value: unknown): OrderLineItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is OrderLineItem =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as OrderLineItem).title === "string" &&
      typeof (item as OrderLineItem).quantity === "number",
  );
}
