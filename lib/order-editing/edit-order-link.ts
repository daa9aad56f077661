import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { verifyAppProxySignature } from "@/lib/shopify/verify-app-proxy";
import { portalUrl } from "./portal-url";

/** A short page in the storefront (Shopify's app proxy shows it on the shop's domain). */
function page(status: number, message: string): Response {
  const body = `<!doctype html><meta charset="utf-8"><title>Edit order</title><p style="font:16px system-ui;margin:2rem">${message}</p>`;
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * The storefront's "Edit order" link (theme block on the customer's order page), reached through the app proxy:
 * `/apps/signalboard/edit-order?order_id=…`. Shopify signs the query and names the logged-in customer; only the
 * customer who placed the order is sent on (302) to the order's signed portal link. Anything else gets a short
 * page that says what to do, and no link.
 */
export async function handleEditOrderLink(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  if (!verifyAppProxySignature(query, env().SHOPIFY_API_SECRET).ok)
    return page(401, "This link has expired. Go back to your order and try again.");
  const customerId = query.get("logged_in_customer_id")?.trim() ?? "";
  if (!/^\d+$/.test(customerId)) return page(401, "Sign in to your account to edit this order.");
  const orderId = query.get("order_id")?.trim() ?? "";
  const shop = await prisma.shop.findUnique({
    where: { domain: query.get("shop")?.trim().toLowerCase() ?? "" },
    select: { id: true, uninstalledAt: true },
  });
  const order =
    shop && !shop.uninstalledAt && /^\d+$/.test(orderId)
      ? await prisma.order.findUnique({
          where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId: orderId } },
          select: { id: true, shopifyCustomerId: true },
        })
      : null;
  // The same answer whether the order is missing or someone else's: order ids are not to be probed.
  if (!order || order.shopifyCustomerId !== customerId)
    return page(404, "We couldn't find this order for your account. Contact the store for help.");
  return new Response(null, { status: 302, headers: { location: portalUrl(order.id), "cache-control": "no-store" } });
}
