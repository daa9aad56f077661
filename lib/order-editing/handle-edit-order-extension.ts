import { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { verifyExtensionSessionToken } from "@/lib/shopify/verify-extension-session-token";
import { editingState } from "./edit-deadline";
import { portalUrl } from "./portal-url";

// The extension runs in Shopify's sandboxed worker (an opaque origin): only the session token authenticates it.
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-max-age": "600",
};

const requestSchema = z.object({
  orderId: z.string().regex(/^(?:gid:\/\/shopify\/Order\/)?(\d{1,20})$/),
  email: z.string().trim().max(320).optional(),
});

function json(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { ...CORS, "cache-control": "no-store" } });
}

/**
 * The "Edit order" extension's question (extensions/signalboard-order-status): may this buyer edit this order,
 * and where? POST `{ orderId, email? }` with the extension's session token. Only the buyer gets the portal link:
 * the signed-in customer the token names, or a guest on the thank-you page whose checkout email is the order's.
 * Anyone else, a closed order (deadline, fulfilled, cancelled) or an uninstalled shop gets `{ editable: false }`;
 * an order Signalboard has not received yet (orders/create is on its way) gets `pending` so the page asks again.
 */
export async function handleEditOrderExtension(request: Request): Promise<Response> {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  const bearer = /^Bearer (\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  let token;
  try {
    token = await verifyExtensionSessionToken(bearer ?? "");
  } catch (error) {
    if (error instanceof AppError) return json(401, { editable: false });
    throw error;
  }
  const input = requestSchema.safeParse(await request.json().catch(() => null));
  if (!input.success) return json(400, { editable: false, error: "Send the order's id." });
  const shopifyOrderId = /(\d+)$/.exec(input.data.orderId)![1]!;

  const shop = await prisma.shop.findUnique({
    where: { domain: token.shop },
    select: { id: true, uninstalledAt: true },
  });
  if (!shop || shop.uninstalledAt) return json(200, { editable: false });
  const order = await prisma.order.findUnique({
    where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId } },
    select: {
      id: true,
      shopifyCustomerId: true,
      email: true,
      editDeadline: true,
      fulfilledAt: true,
      cancelledAt: true,
    },
  });
  if (!order) return json(200, { editable: false, pending: true });
  const isBuyer = token.customerId
    ? order.shopifyCustomerId === token.customerId
    : Boolean(input.data.email && order.email && input.data.email.toLowerCase() === order.email.toLowerCase());
  if (!isBuyer) return json(200, { editable: false });
  const state = editingState(order);
  if (!state.open) return json(200, { editable: false });
  return json(200, { editable: true, url: portalUrl(order.id), deadline: state.deadline?.toISOString() ?? null });
}
