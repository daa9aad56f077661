/**
 * Every Postscript event type Signalboard sends, with the name merchants pick in Postscript's flow builder and
 * the properties each carries (usable as merge tags). Type ids allow only letters, digits and `_`.
 */
export type EventProperty = { name: string; description: string; sample: string | number | boolean };

export type EventDefinition = {
  type: string;
  displayName: string;
  feature: "back_in_stock" | "preorder" | "order_editing";
  when: string;
  properties: readonly EventProperty[];
};

const customer: EventProperty[] = [
  { name: "customer_name", description: "Customer's name", sample: "Jamie Rivera" },
  { name: "customer_email", description: "Customer's email", sample: "jamie@example.com" },
  { name: "customer_phone", description: "Customer's phone number", sample: "+15555550123" },
];

const order: EventProperty[] = [
  { name: "order_name", description: "Order number", sample: "#1001" },
  {
    name: "edit_url",
    description: "Link to the order-editing portal",
    sample: "https://shop.example.com/apps/edit/abc123",
  },
  {
    name: "edit_deadline",
    description: "When editing closes (ISO 8601, UTC; empty when editing is open until fulfillment)",
    sample: "2026-11-23T18:30:00Z",
  },
  {
    name: "edit_deadline_local",
    description: "When editing closes, in your store's time zone",
    sample: "Nov 23, 1:30 PM EST",
  },
  { name: "shop_name", description: "Your store name", sample: "Northwind Outfitters" },
];

// The sample count matches the offers the same sample event carries.
const strategy = (offerCount: number): EventProperty[] => [
  { name: "strategy_name", description: "The upsell strategy that matched", sample: "Winter add-ons" },
  { name: "offer_count", description: "Number of offers (up to 3)", sample: offerCount },
];

const backInStock: EventProperty[] = [
  { name: "product_title", description: "Product name", sample: "Trail Runner Jacket" },
  { name: "variant_title", description: "Variant name", sample: "Medium / Blue" },
  {
    name: "title_incl_variant",
    description: "Full product name including variant",
    sample: "Trail Runner Jacket - Medium / Blue",
  },
  { name: "vendor", description: "Product vendor", sample: "Northwind" },
  { name: "price", description: "Product price", sample: "89.00" },
  { name: "currency", description: "Price currency code", sample: "USD" },
  {
    name: "purchase_link",
    description: "Direct link to buy the product",
    sample: "https://northwind-outfitters.myshopify.com/products/trail-runner-jacket?variant=4411",
  },
  {
    name: "image_url",
    description: "Product image URL",
    sample: "https://cdn.shopify.com/s/files/trail-runner-jacket.jpg",
  },
  { name: "shop_name", description: "Your store name", sample: "Northwind Outfitters" },
  { name: "customer_name", description: "Customer's name", sample: "Jamie Rivera" },
  { name: "customer_phone", description: "Customer's phone number", sample: "+15555550123" },
];

const offer = (n: number): EventProperty[] => [
  {
    name: `offer_${n}_product_title`,
    description: `Offer ${n}: product title`,
    sample: ["Merino Beanie", "Trail Socks (3-pack)", "Camp Mug"][n - 1]!,
  },
  {
    name: `offer_${n}_price`,
    description: `Offer ${n}: price after the discount`,
    sample: ["24.00", "14.00", "12.00"][n - 1]!,
  },
  {
    name: `offer_${n}_compare_at_price`,
    description: `Offer ${n}: regular price before the discount`,
    sample: ["30.00", "18.00", "15.00"][n - 1]!,
  },
  {
    name: `offer_${n}_image_url`,
    description: `Offer ${n}: image URL`,
    sample: `https://cdn.shopify.com/s/files/offer-${n}.jpg`,
  },
  {
    name: `offer_${n}_discount_amount`,
    description: `Offer ${n}: discount (percent, or amount off in your currency)`,
    sample: ["20", "4.00", "20"][n - 1]!,
  },
  {
    name: `offer_${n}_discount_type`,
    description: `Offer ${n}: percentage or fixed_amount`,
    sample: ["percentage", "fixed_amount", "percentage"][n - 1]!,
  },
];

export const EVENT_CATALOG = [
  {
    type: "back_in_stock_sms_alert",
    displayName: "Back in stock SMS",
    feature: "back_in_stock",
    when: "A variant a customer is waiting for is restocked",
    properties: backInStock,
  },
  {
    type: "back_in_stock_sms_reminder",
    displayName: "Back in stock reminder SMS",
    feature: "back_in_stock",
    when: "The variant is still in stock a day later and the customer has not bought it",
    properties: backInStock,
  },
  {
    type: "preorder_sms_confirmed",
    displayName: "Preorder SMS",
    feature: "preorder",
    when: "A customer places an order containing preorder items",
    properties: [
      { name: "order_name", description: "Order number", sample: "#1001" },
      {
        name: "products",
        description: "Comma-separated list of preorder products",
        sample: "Trail Runner Jacket, Merino Beanie",
      },
      { name: "first_product", description: "Name of the first preorder product", sample: "Trail Runner Jacket" },
      { name: "products_count", description: "Total number of preorder products", sample: 2 },
      { name: "shipping_timeline", description: "Expected shipping date", sample: "Ships by December 15" },
      { name: "shop_name", description: "Your store name", sample: "Northwind Outfitters" },
      { name: "customer_name", description: "Customer's name", sample: "Jamie Rivera" },
    ],
  },
  {
    type: "order_editing_started",
    displayName: "Order Editing Started",
    feature: "order_editing",
    when: "A customer opens the editing portal and begins editing",
    properties: [...order, ...customer],
  },
  {
    type: "order_editing_saved",
    displayName: "Order Editing Saved",
    feature: "order_editing",
    when: "A customer saves their order changes",
    properties: [
      ...order,
      {
        name: "changes_summary",
        description: "What changed, in words",
        sample: "Trail Socks (3-pack): quantity 1 → 2; added Merino Beanie",
      },
      { name: "items_added", description: "Number of lines added", sample: 1 },
      { name: "items_removed", description: "Number of lines removed", sample: 0 },
      { name: "quantities_changed", description: "Number of lines whose quantity changed", sample: 1 },
      { name: "address_changed", description: "Whether the shipping address changed", sample: false },
      { name: "new_total", description: "Order total after the edit", sample: "131.00" },
      { name: "currency", description: "Currency code of the total", sample: "USD" },
      ...customer,
    ],
  },
  {
    type: "upsell_recommendations",
    displayName: "Upsell Recommendations",
    feature: "order_editing",
    when: "An upsell strategy with Postscript enabled fires during editing",
    properties: [...order, ...strategy(3), ...offer(1), ...offer(2), ...offer(3), ...customer],
  },
  {
    type: "upsell_offers_available",
    displayName: "Upsell Offers Available",
    feature: "order_editing",
    when: "A new order matches an Order Status upsell strategy",
    properties: [...order, ...strategy(2), ...customer],
  },
  {
    type: "order_editing_abandoned",
    displayName: "Order Editing Abandoned",
    feature: "order_editing",
    when: "A customer started editing and did not save within your abandoned-edit delay",
    properties: [
      ...order,
      {
        name: "edit_started_at",
        description: "When the customer started editing (ISO 8601, UTC)",
        sample: "2026-11-23T17:05:00Z",
      },
      ...customer,
    ],
  },
  {
    type: "order_editing_deadline_approaching",
    displayName: "Order Editing Deadline Approaching",
    feature: "order_editing",
    when: "Editing closes soon and the customer has not edited (when the deadline nudge is on)",
    properties: [
      ...order,
      { name: "minutes_left", description: "Minutes until editing closes", sample: 30 },
      ...customer,
    ],
  },
] as const satisfies readonly EventDefinition[];

export type EventType = (typeof EVENT_CATALOG)[number]["type"];

export const EVENT_TYPES = EVENT_CATALOG.map((e) => e.type) as EventType[];

/** The catalog entry for a type id, or undefined for anything we do not send. */
export function findEvent(type: string): EventDefinition | undefined {
  return EVENT_CATALOG.find((e) => e.type === type);
}

/** Sample properties for a test event, as Postscript will show them in the flow builder. */
export function sampleProperties(event: EventDefinition): Record<string, string | number | boolean> {
  return Object.fromEntries(event.properties.map((p) => [p.name, p.sample]));
}
