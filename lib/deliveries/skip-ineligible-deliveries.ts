import { prisma } from "@/lib/db/prisma";
import type { OpenedDeliveryHooks } from "./delivery-hooks";
import { EDIT_WINDOW_EVENT_TYPES, EDITING_CLOSED_REASON, NO_CONTACT_REASON } from "./event-types";

export const SKIP_REASONS = {
  noContact: NO_CONTACT_REASON,
  editingClosed: EDITING_CLOSED_REASON,
  optedOut: "the customer opted out of Postscript texts (replied STOP)",
} as const;

/**
 * Skips, in bulk and with their reasons, due rows that must not be sent: no phone and no email, then what each
 * feature's hooks rule out for its own event types (moot back-in-stock reminders), spending no rate-limit slots on
 * them. Offers, nudges and abandoned-edit messages whose order can no longer be edited are skipped too (an
 * outage or a paused key must not text "edit before it closes" after it closed), and Postscript events for a
 * phone that opted out. (The sender checks each row
 * again right before sending, for changes in between.) Returns the count.
 */
export async function skipIneligibleDeliveries(shopId: string, hooks: OpenedDeliveryHooks): Promise<number> {
  const noContact = await prisma.$executeRaw`
    UPDATE "Delivery" SET status = 'SKIPPED', "skipReason" = ${SKIP_REASONS.noContact}, "nextAttemptAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE "shopId" = ${shopId} AND status IN ('PENDING', 'RETRYING')
       AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
       AND COALESCE(NULLIF("recipientPhone", ''), NULLIF("recipientEmail", '')) IS NULL`;
  const features = await hooks.skipIneligible();
  const editingClosed = await prisma.$executeRaw`
    UPDATE "Delivery" d SET status = 'SKIPPED', "skipReason" = ${SKIP_REASONS.editingClosed}, "nextAttemptAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM "Order" o
     WHERE d."shopId" = ${shopId} AND o.id = d."orderId" AND d."eventType" = ANY(${EDIT_WINDOW_EVENT_TYPES as string[]}::text[])
       AND d.status IN ('PENDING', 'RETRYING') AND d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
       AND (o."cancelledAt" IS NOT NULL OR o."fulfilledAt" IS NOT NULL OR o."editDeadline" <= (now() AT TIME ZONE 'UTC'))`;
  // Postscript's opt-out webhook is the evidence; Postscript would not text them anyway, so say so in the ledger.
  const optedOut = await prisma.$executeRaw`
    UPDATE "Delivery" d SET status = 'SKIPPED', "skipReason" = ${SKIP_REASONS.optedOut}, "nextAttemptAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM "SubscriberConsent" c
     WHERE d."shopId" = ${shopId} AND d.provider = 'POSTSCRIPT' AND c."shopId" = d."shopId" AND c.phone = d."recipientPhone"
       AND c.state = 'OPTED_OUT' AND d.status IN ('PENDING', 'RETRYING') AND d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')`;
  return noContact + features + editingClosed + optedOut;
}
