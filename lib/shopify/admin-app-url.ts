import { env } from "@/lib/env";

/**
 * The app's page inside a store's Shopify admin, where Shopify sends merchants back after approving a charge and
 * where the app belongs; the local stand-in's simulated admin when one is configured.
 */
export function adminAppUrl(shopDomain: string): string {
  const handle = shopDomain.replace(/\.myshopify\.com$/, "");
  const admin = env().SHOPIFY_STANDIN_URL ?? "https://admin.shopify.com";
  return new URL(`/store/${handle}/apps/${env().SHOPIFY_API_KEY}`, admin).toString();
}
