import { handleWaitlistRequest } from "@/lib/storefront/handle-waitlist-request";

export const dynamic = "force-dynamic";

/*
 * The storefront's waitlist signup, reached only through the shop's Shopify app proxy (App proxy settings:
 * subpath prefix "apps", subpath "signalboard", proxy URL https://<this app>/api/storefront). A theme's product
 * page calls it on its own domain, for example:
 *
 *   const res = await fetch("/apps/signalboard/waitlist", {
 *     method: "POST",
 *     headers: { "content-type": "application/json" },
 *     body: JSON.stringify({ variantId: {{ product.selected_or_first_available_variant.id }}, name, phone, email }),
 *   });
 *   const { status, message } = await res.json(); // show `message` either way; status "joined" | "already_waiting" | "error"
 *
 * Shopify forwards it here with shop, logged_in_customer_id, path_prefix, timestamp and signature in the query
 * (verified in handleWaitlistRequest) and the shopper's IP in X-Forwarded-For.
 *
 * No CORS: through the app proxy the request is same-origin on the shop's domain, so browsers never preflight
 * it. A cross-origin call straight to this URL would carry no Shopify signature and be refused anyway, so no
 * Access-Control-Allow-* header is ever sent and a preflight gets only the methods allowed.
 */
export async function POST(request: Request): Promise<Response> {
  return handleWaitlistRequest(request);
}

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { allow: "POST, OPTIONS", "cache-control": "no-store" } });
}
