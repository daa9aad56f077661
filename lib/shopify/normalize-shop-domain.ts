import { MYSHOPIFY_DOMAIN } from "./shopify-topics";

/**
 * A store's permanent `*.myshopify.com` domain from what a merchant types ("Northwind-Outfitters",
 * "northwind-outfitters.myshopify.com", "https://northwind-outfitters.myshopify.com/admin"), or null when it
 * cannot be one. Custom domains are refused: Shopify's OAuth only knows the myshopify one.
 */
export function normalizeShopDomain(input: string): string | null {
  let value = input.trim().toLowerCase();
  if (value.length === 0 || value.length > 255) return null;
  value = value.replace(/^https?:\/\//, "").split(/[/?#]/)[0]!;
  if (!value.includes(".")) value = `${value}.myshopify.com`;
  return MYSHOPIFY_DOMAIN.test(value) ? value : null;
}
