import type { z } from "zod";
import {
  appSubscriptionUpdatePayloadSchema,
  appUninstalledPayloadSchema,
  bulkOperationFinishPayloadSchema,
  customersDataRequestPayloadSchema,
  customersRedactPayloadSchema,
  inventoryLevelPayloadSchema,
  orderClosedPayloadSchema,
  orderPayloadSchema,
  productPayloadSchema,
  refundPayloadSchema,
  shopifyIdSchema,
  shopRedactPayloadSchema,
} from "./shopify-payload-schemas";
import { SHOP_NAMING_TOPICS, type ShopifyTopic } from "./shopify-topics";

/** What each topic's body must look like; processing parses the same body with the same schema. */
export const TOPIC_SCHEMAS: Record<ShopifyTopic, z.ZodType> = {
  "products/create": productPayloadSchema,
  "products/update": productPayloadSchema,
  "inventory_levels/update": inventoryLevelPayloadSchema,
  "bulk_operations/finish": bulkOperationFinishPayloadSchema,
  "orders/create": orderPayloadSchema,
  "orders/fulfilled": orderClosedPayloadSchema,
  "orders/cancelled": orderClosedPayloadSchema,
  "refunds/create": refundPayloadSchema,
  "app/uninstalled": appUninstalledPayloadSchema,
  "app_subscriptions/update": appSubscriptionUpdatePayloadSchema,
  "customers/data_request": customersDataRequestPayloadSchema,
  "customers/redact": customersRedactPayloadSchema,
  "shop/redact": shopRedactPayloadSchema,
};

/** The shop a body names (topics that carry one), read from the fields Shopify puts it in. */
function namedShop(
  topic: ShopifyTopic,
  payload: z.infer<(typeof TOPIC_SCHEMAS)[ShopifyTopic]>,
): { domain: string | null; shopifyId: string } | null {
  if (!SHOP_NAMING_TOPICS.includes(topic)) return null;
  if (topic === "app/uninstalled") {
    const shop = payload as z.infer<typeof appUninstalledPayloadSchema>;
    return { domain: shop.myshopify_domain, shopifyId: shop.id };
  }
  if (topic === "app_subscriptions/update") {
    const update = payload as z.infer<typeof appSubscriptionUpdatePayloadSchema>;
    return { domain: null, shopifyId: update.app_subscription.admin_graphql_api_shop_id };
  }
  if (topic === "customers/data_request" || topic === "customers/redact" || topic === "shop/redact") {
    const request = payload as z.infer<typeof shopRedactPayloadSchema>;
    return { domain: request.shop_domain, shopifyId: request.shop_id };
  }
  return null;
}

/**
 * Why a signed body cannot be taken for this topic and shop, or null when it can. Shopify signs only the body,
 * so the headers (topic, shop) are only believed when the body agrees: its shape must be the topic's, and a
 * body that names a shop (privacy topics, app/uninstalled) must name the header's shop and, when we know it,
 * the shop's Shopify id.
 */
export function checkWebhookPayload(
  topic: ShopifyTopic,
  payload: unknown,
  header: { shopDomain: string; knownShopifyShopId: string | null },
): string | null {
  const parsed = TOPIC_SCHEMAS[topic].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "body";
    return `The body is not a ${topic} payload (${where}: ${issue?.message ?? "invalid"}).`;
  }
  const named = namedShop(topic, parsed.data);
  if (!named) return null;
  if (named.domain !== null && named.domain.trim().toLowerCase() !== header.shopDomain) {
    return `The body is for ${named.domain}, not ${header.shopDomain} (X-Shopify-Shop-Domain).`;
  }
  const known = header.knownShopifyShopId ? shopifyIdSchema.safeParse(header.knownShopifyShopId) : null;
  if (known?.success && known.data !== named.shopifyId) {
    return `The body's shop id ${named.shopifyId} is not ${header.shopDomain}'s.`;
  }
  return null;
}
