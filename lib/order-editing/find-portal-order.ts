import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { verifyPortalToken } from "./portal-token";

export const INVALID_LINK_MESSAGE =
  "This order-editing link is not valid. Use the link from your order confirmation, or contact the store.";

/** The order a portal token opens, with its shop; a forged, tampered or unknown token is NOT_FOUND. */
export async function findPortalOrder(token: string) {
  const orderId = verifyPortalToken(token);
  const order = orderId
    ? await prisma.order.findUnique({
        where: { id: orderId },
        include: { shop: { select: { id: true, name: true, timeZone: true, currency: true, uninstalledAt: true } } },
      })
    : null;
  if (!order) throw new AppError("NOT_FOUND", INVALID_LINK_MESSAGE);
  return order;
}

export type PortalOrderRecord = Awaited<ReturnType<typeof findPortalOrder>>;
