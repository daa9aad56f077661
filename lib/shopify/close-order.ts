import { prisma } from "@/lib/db/prisma";
import type { OrderClosedPayload } from "./shopify-payload-schemas";

/**
 * orders/fulfilled and orders/cancelled: the order can no longer be edited (whatever its window said). An order we
 * never stored is ignored: editing it was never possible. The first time recorded wins on redelivery.
 */
export async function closeOrder(
  shopId: string,
  how: "fulfilled" | "cancelled",
  payload: OrderClosedPayload,
): Promise<{ closed: number }> {
  const at = (how === "cancelled" ? payload.cancelled_at : payload.updated_at) ?? new Date();
  const where = { shopId, shopifyOrderId: payload.id };
  const { count } =
    how === "fulfilled"
      ? await prisma.order.updateMany({ where: { ...where, fulfilledAt: null }, data: { fulfilledAt: at } })
      : await prisma.order.updateMany({ where: { ...where, cancelledAt: null }, data: { cancelledAt: at } });
  return { closed: count };
}
