import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";

export type ResentDelivery = { deliveryId: string; eventType: string; previousError: string | null };

/**
 * Puts an UNCONFIRMED delivery of the shop back in the queue, due now, as a deliberate choice of a merchant or an
 * agent who accepted that the customer may get it twice (the engine never resends one on its own). The same row
 * goes out through the same checks; the caller wakes the sender and records the audit entry. The conditional
 * update makes two concurrent resends queue it once.
 */
export async function resendUnconfirmed(shopId: string, deliveryId: string): Promise<ResentDelivery> {
  const row = await prisma.delivery.findFirst({
    where: { id: deliveryId, shopId },
    select: { id: true, status: true, eventType: true, error: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "Delivery not found in this shop.");
  if (row.status !== "UNCONFIRMED")
    throw new AppError("CONFLICT", "Only unconfirmed deliveries can be resent this way.");
  const { count } = await prisma.delivery.updateMany({
    where: { id: row.id, shopId, status: "UNCONFIRMED" },
    data: { status: "PENDING", nextAttemptAt: new Date(), error: null, responseStatus: null, responseBody: null },
  });
  if (count === 0) throw new AppError("CONFLICT", "Someone else resent this delivery a moment ago.");
  return { deliveryId: row.id, eventType: row.eventType, previousError: row.error };
}
