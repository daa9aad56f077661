import { expect } from "@playwright/test";
import { DEMO_LOCATION } from "../../lib/shopify/demo-catalog";
import { oneLocationCatalog } from "../../lib/shopify-standin/standin-catalog";
import { productPayload, type ProductPayloadInput } from "../../lib/shopify/webhook-payloads";
import { postShopifyWebhook } from "./app";

// A spec's products and orders live in the Shopify stand-in first, as a real store's do: the app's catalog sync
// and order-edit write-back read Shopify, so anything written only into our database would be replaced or refused.

const standin = () => `http://127.0.0.1:${process.env.E2E_SHOPIFY_PORT}`;

/**
 * Gives the store these products (replacing its catalog), stocked at one location that sells online, then sends
 * the products/update webhooks Shopify would, so the app knows them at once rather than at its next catalog sync.
 */
export async function stockStore(shopDomain: string, products: ProductPayloadInput[]) {
  const res = await fetch(`${standin()}/standin/stores/${shopDomain}/catalog`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(oneLocationCatalog(products)),
  });
  if (!res.ok) throw new Error(`stand-in catalog: ${res.status} ${await res.text()}`);
  for (const product of products)
    expect((await postShopifyWebhook("products/update", shopDomain, productPayload(product))).status).toBe(200);
}

/** An order placed in the store (its variants from `stockStore`); the stand-in sends the app its orders/create. */
export async function placeOrder(
  shopDomain: string,
  order: {
    name?: string;
    email?: string | null;
    phone?: string | null;
    customer?: { firstName: string; lastName: string };
    taxRate?: number;
    shipping?: string;
    lines: { variantId: string; quantity: number }[];
  },
): Promise<{ id: number; name: string }> {
  const res = await fetch(`${standin()}/standin/stores/${shopDomain}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(order),
  });
  if (!res.ok) throw new Error(`stand-in order: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { order: { id: number; name: string } }).order;
}

/** Stock of one inventory item at the store's location changes in Shopify, which sends inventory_levels/update. */
export async function setStock(shopDomain: string, inventoryItemId: string, available: number) {
  const res = await fetch(`${standin()}/standin/stores/${shopDomain}/inventory`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ inventoryItemId, locationId: DEMO_LOCATION.id, available, webhook: true }),
  });
  if (!res.ok) throw new Error(`stand-in inventory: ${res.status} ${await res.text()}`);
}
