import { formatShopTime } from "@/lib/format/format-shop-time";
import type { UpsellOffer } from "@/lib/upsell/match-upsell-strategy";
import { portalUrl } from "./portal-url";

export type OrderEventContext = {
  shop: { name: string; timeZone: string };
  order: {
    id: string;
    name: string;
    editDeadline: Date | null;
    customerName: string | null;
    email: string | null;
    phone: string | null;
  };
};

type Properties = Record<string, string | number | boolean>;

/** The properties every order-editing event carries (see lib/setup/event-catalog.ts for their meaning). */
export function orderProperties({ shop, order }: OrderEventContext): Properties {
  return {
    order_name: order.name,
    edit_url: portalUrl(order.id),
    edit_deadline: order.editDeadline ? order.editDeadline.toISOString() : "",
    edit_deadline_local: order.editDeadline
      ? formatShopTime(order.editDeadline, shop.timeZone)
      : "until your order ships",
    shop_name: shop.name,
    customer_name: order.customerName ?? "",
    customer_email: order.email ?? "",
    customer_phone: order.phone ?? "",
  };
}

/** offer_1_… to offer_3_…: Postscript properties are flat, so each offer's fields are numbered. */
export function offerProperties(strategyName: string, offers: readonly UpsellOffer[]): Properties {
  const properties: Properties = { strategy_name: strategyName, offer_count: offers.length };
  offers.slice(0, 3).forEach((offer, index) => {
    const n = index + 1;
    properties[`offer_${n}_product_title`] = offer.productTitle;
    properties[`offer_${n}_price`] = offer.price;
    properties[`offer_${n}_compare_at_price`] = offer.compareAtPrice;
    properties[`offer_${n}_image_url`] = offer.imageUrl ?? "";
    properties[`offer_${n}_discount_amount`] = offer.discountAmount;
    properties[`offer_${n}_discount_type`] = offer.discountType;
  });
  return properties;
}
