import type { OrderLineItem } from "@/lib/shopify/order-line-item";

export type PreorderProperties = {
  order_name: string;
  products: string;
  first_product: string;
  products_count: number;
  shipping_timeline: string;
  shop_name: string;
  customer_name: string;
};

/**
 * The properties of preorder_sms_confirmed (seed 001) for an order's preorder lines: the product names in order
 * of the lines, the total quantity, and the distinct shipping timelines of those variants ("; " between them).
 */
export function preorderProperties(input: {
  orderName: string;
  shopName: string;
  customerName: string | null;
  items: { line: OrderLineItem; shippingTimeline: string | null }[];
}): PreorderProperties {
  const titles = input.items.map(({ line }) => line.title);
  const timelines = [
    ...new Set(input.items.map((i) => i.shippingTimeline?.trim()).filter((t): t is string => Boolean(t))),
  ];
  return {
    order_name: input.orderName,
    products: titles.join(", "),
    first_product: titles[0] ?? "",
    products_count: input.items.reduce((sum, { line }) => sum + Math.max(0, line.quantity), 0),
    shipping_timeline: timelines.join("; "),
    shop_name: input.shopName,
    customer_name: input.customerName ?? "",
  };
}
