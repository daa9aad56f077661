// Client-safe labels shared by the strategy form, the list and the tests (the e2e specs click these exact words).

/** Where a strategy fires, in the order the form offers them. */
export const UPSELL_PLACEMENTS = [
  {
    value: "DURING_EDITING",
    label: "During order editing",
    short: "During order editing",
    description: "Offers products in the editing portal while the customer edits, and sends Upsell Recommendations.",
  },
  {
    value: "ORDER_STATUS",
    label: "Order Status page (new orders)",
    short: "Order Status page",
    description:
      "Matched when a new order arrives; sends Upsell Offers Available to nudge the customer to edit before the deadline.",
  },
] as const;

/** Which products a strategy offers. Shopify's product webhook carries no collections, so rules use vendor and type. */
export const UPSELL_PRODUCT_RULES = [
  { value: "SPECIFIC_PRODUCTS", label: "Specific products" },
  { value: "SAME_VENDOR", label: "Same vendor as the order" },
  { value: "SAME_PRODUCT_TYPE", label: "Same product type as the order" },
] as const;

export const UPSELL_DISCOUNT_TYPES = [
  { value: "PERCENTAGE", label: "Percentage" },
  { value: "FIXED_AMOUNT", label: "Fixed amount" },
] as const;

/** Limits the schema enforces and the form explains. */
export const UPSELL_LIMITS = {
  nameLength: 80,
  products: 20,
  maxOffers: 3,
  maxPercentage: 90,
  maxFixedAmount: 10_000,
  strategiesPerShop: 50,
} as const;
