/**
 * `shop` and `host` as Shopify's admin passes them to an embedded app: `host` is the base64 of the admin's address
 * for the store (`admin.shopify.com/store/<handle>`), so it can be rebuilt from the shop's domain.
 */
export function embeddedQuery(shopDomain: string): URLSearchParams {
  const handle = shopDomain.replace(/\.myshopify\.com$/, "");
  return new URLSearchParams({
    shop: shopDomain,
    host: Buffer.from(`admin.shopify.com/store/${handle}`).toString("base64url"),
  });
}
