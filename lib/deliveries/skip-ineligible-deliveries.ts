import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_REMINDER, EDIT_WINDOW_EVENT_TYPES, EDITING_CLOSED_REASON, NO_CONTACT_REASON } from "./event-types";

export const SKIP_REASONS = {
  noContact: NO_CONTACT_REASON,
  entryGone: "the customer's waitlist signup no longer exists (removed or redacted)",
  purchased: "the customer already bought this variant",
  removed: "the customer left the waitlist",
  alreadyNotified: "the customer was already alerted that this variant is back in stock",
  soldOut: (available: number) => `the variant is no longer in stock (${available} available)`,
  editingClosed: EDITING_CLOSED_REASON,
  optedOut: "the customer opted out of Postscript texts (replied STOP)",
} as const;

/**
 * Skips, in bulk and with their reasons, due rows that must not be sent: no phone and no email, and reminders
 * whose customer bought the variant or left the waitlist, or whose variant is at or below the threshold again.
 * A sold-out variant can make thousands of reminders moot at once; skipping them here spends no rate-limit
 * slots. Offers, nudges and abandoned-edit messages whose order can no longer be edited are skipped too (an
 * outage or a paused key must not text "edit before it closes" after it closed), and Postscript events for a
 * phone that opted out. (The sender checks each row
 * again right before sending, for changes in between.) Returns the count.
 */
export async function skipIneligibleDeliveries(shopId: string, threshold: number): Promise<number> {
  const noContact = await prisma.$executeRaw`
    UPDATE "Delivery" SET status = 'SKIPPED', "skipReason" = ${SKIP_REASONS.noContact}, "nextAttemptAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE "shopId" = ${shopId} AND status IN ('PENDING', 'RETRYING')
       AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
       AND COALESCE(NULLIF("recipientPhone", ''), NULLIF("recipientEmail", '')) IS NULL`;
  const reminders = await prisma.$executeRaw`
    WITH due AS (
      SELECT d.id, e.id AS entry_id, e.status::text AS entry_status, v.available
        FROM "Delivery" d
        LEFT JOIN "WaitlistEntry" e ON e.id = d."waitlistEntryId"
        LEFT JOIN "Variant" v ON v.id = e."variantId"
       WHERE d."shopId" = ${shopId} AND d."eventType" = ${BACK_IN_STOCK_REMINDER}
         AND d.status IN ('PENDING', 'RETRYING') AND d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
    ), reasons AS (
      SELECT id, CASE
          WHEN entry_id IS NULL THEN ${SKIP_REASONS.entryGone}
          WHEN entry_status = 'PURCHASED' THEN ${SKIP_REASONS.purchased}
          WHEN entry_status = 'REMOVED' THEN ${SKIP_REASONS.removed}
          WHEN available <= ${threshold} THEN 'the variant is no longer in stock (' || available || ' available)'
        END AS reason
        FROM due
    )
    UPDATE "Delivery" d SET status = 'SKIPPED', "skipReason" = r.reason, "nextAttemptAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM reasons r
     WHERE d.id = r.id AND r.reason IS NOT NULL AND d.status IN ('PENDING', 'RETRYING')`;
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
  return noContact + reminders + editingClosed + optedOut;
}
