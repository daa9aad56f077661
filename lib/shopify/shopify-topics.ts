/** The webhook topics Signalboard subscribes to and processes. */
export const SHOPIFY_TOPICS = [
  "products/create",
  "products/update",
  "inventory_levels/update",
  "bulk_operations/finish",
  "orders/create",
  "orders/fulfilled",
  "orders/cancelled",
  "refunds/create",
  "app/uninstalled",
  "app_subscriptions/update",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

/** Shopify's mandatory privacy topics: they must be honoured even after the app was uninstalled. */
export const COMPLIANCE_TOPICS: readonly ShopifyTopic[] = ["customers/data_request", "customers/redact", "shop/redact"];

/** Topics whose body names its shop (see checkWebhookPayload): only these are checked against the shop's stored id. */
export const SHOP_NAMING_TOPICS: readonly ShopifyTopic[] = [
  "app/uninstalled",
  "app_subscriptions/update",
  ...COMPLIANCE_TOPICS,
];

export function isShopifyTopic(topic: string): topic is ShopifyTopic {
  return (SHOPIFY_TOPICS as readonly string[]).includes(topic);
}

/** A shop's permanent domain, as Shopify sends it in X-Shopify-Shop-Domain. */
export const MYSHOPIFY_DOMAIN = /^[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/;
