import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";

export type AlertEvidence = {
  /** The newest alert Postscript accepted for a phone that had opted in (per Postscript's webhooks) by then. */
  texted: { deliveredAt: Date; phone: string } | null;
  /** The newest alert Postscript accepted at all: accepted is not texted, the customer may not have replied Y. */
  accepted: { deliveredAt: Date; phone: string | null } | null;
};

/**
 * Step 5's evidence. Postscript accepts an event for anyone and texts only subscribers who replied Y, so an alert
 * counts as texted only when Postscript's opt-in webhook for that phone came before it (and no opt-out in between).
 */
export async function findTextedAlert(shopId: string): Promise<AlertEvidence> {
  const [texted, accepted] = await Promise.all([
    prisma.$queryRaw<{ deliveredAt: Date; phone: string }[]>`
      SELECT d."deliveredAt", d."recipientPhone" AS phone
        FROM "Delivery" d
        JOIN "SubscriberConsent" c ON c."shopId" = d."shopId" AND c.phone = d."recipientPhone"
       WHERE d."shopId" = ${shopId} AND d.provider = 'POSTSCRIPT' AND d."eventType" = ${BACK_IN_STOCK_ALERT}
         AND d.status = 'DELIVERED' AND c."optedInAt" <= d."deliveredAt"
         AND NOT (c."optedOutAt" IS NOT NULL AND c."optedOutAt" > c."optedInAt" AND c."optedOutAt" <= d."deliveredAt")
       ORDER BY d."deliveredAt" DESC
       LIMIT 1`,
    prisma.delivery.findFirst({
      where: { shopId, provider: "POSTSCRIPT", eventType: BACK_IN_STOCK_ALERT, status: "DELIVERED" },
      orderBy: { deliveredAt: "desc" },
      select: { deliveredAt: true, recipientPhone: true },
    }),
  ]);
  return {
    texted: texted[0] ?? null,
    accepted: accepted?.deliveredAt ? { deliveredAt: accepted.deliveredAt, phone: accepted.recipientPhone } : null,
  };
}
