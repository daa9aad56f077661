import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/prisma";
import { sqlUtcTimestamp } from "@/lib/db/sql-utc-timestamp";
import type { DeliveryHooks } from "@/lib/deliveries/delivery-hooks";
import { BACK_IN_STOCK_ALERT, BACK_IN_STOCK_REMINDER, idempotencyKey } from "@/lib/deliveries/event-types";
import { Prisma } from "@/lib/generated/prisma/client";
import { getBackInStockSettings, type BackInStockRules } from "./get-back-in-stock-settings";

/** Why a back-in-stock alert or reminder is skipped instead of sent (shown in the ledger and diagnostics). */
export const RESTOCK_SKIP_REASONS = {
  entryGone: "the customer's waitlist signup no longer exists (removed or redacted)",
  purchased: "the customer already bought this variant",
  removed: "the customer left the waitlist",
  alreadyNotified: "the customer was already alerted that this variant is back in stock",
  soldOut: (available: number) => `the variant is no longer in stock (${available} available)`,
} as const;

/**
 * What back-in-stock deliveries mean for the waitlist: an alert sent (or unconfirmed) notifies its entry and, with
 * reminders on, schedules the reminder at deliveredAt + delay; a reminder whose customer bought the variant or
 * left the waitlist, or whose variant is at or below the threshold again, is skipped — in bulk before a run (a
 * sold-out variant can make thousands moot at once, spending no rate-limit slots) and again right before each send.
 */
export const restockDeliveryHooks: DeliveryHooks<BackInStockRules> = {
  name: "restock",
  eventTypes: [BACK_IN_STOCK_ALERT, BACK_IN_STOCK_REMINDER],
  loadContext: getBackInStockSettings,

  async skipIneligible(shopId, rules) {
    return prisma.$executeRaw`
      WITH due AS (
        SELECT d.id, e.id AS entry_id, e.status::text AS entry_status, v.available
          FROM "Delivery" d
          LEFT JOIN "WaitlistEntry" e ON e.id = d."waitlistEntryId"
          LEFT JOIN "Variant" v ON v.id = e."variantId"
         WHERE d."shopId" = ${shopId} AND d."eventType" = ${BACK_IN_STOCK_REMINDER}
           AND d.status IN ('PENDING', 'RETRYING') AND d."nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
      ), reasons AS (
        SELECT id, CASE
            WHEN entry_id IS NULL THEN ${RESTOCK_SKIP_REASONS.entryGone}
            WHEN entry_status = 'PURCHASED' THEN ${RESTOCK_SKIP_REASONS.purchased}
            WHEN entry_status = 'REMOVED' THEN ${RESTOCK_SKIP_REASONS.removed}
            WHEN available <= ${rules.threshold} THEN 'the variant is no longer in stock (' || available || ' available)'
          END AS reason
          FROM due
      )
      UPDATE "Delivery" d SET status = 'SKIPPED', "skipReason" = r.reason, "nextAttemptAt" = NULL,
             "updatedAt" = (now() AT TIME ZONE 'UTC')
        FROM reasons r
       WHERE d.id = r.id AND r.reason IS NOT NULL AND d.status IN ('PENDING', 'RETRYING')`;
  },

  skipReason(row, rules) {
    if (!row.waitlistEntryId) return null;
    if (!row.entryExists) return RESTOCK_SKIP_REASONS.entryGone;
    if (row.entryStatus === "PURCHASED") return RESTOCK_SKIP_REASONS.purchased;
    if (row.entryStatus === "REMOVED") return RESTOCK_SKIP_REASONS.removed;
    if (row.eventType === BACK_IN_STOCK_ALERT && row.entryStatus === "NOTIFIED" && !row.entryNotifiedByThis)
      return RESTOCK_SKIP_REASONS.alreadyNotified;
    if (row.eventType === BACK_IN_STOCK_REMINDER && (row.variantAvailable ?? 0) <= rules.threshold) {
      return RESTOCK_SKIP_REASONS.soldOut(row.variantAvailable ?? 0);
    }
    return null;
  },

  onDelivered(row, deliveredAt, rules) {
    if (row.eventType !== BACK_IN_STOCK_ALERT || !row.waitlistEntryId) return [];
    const at = sqlUtcTimestamp(deliveredAt);
    const statements = [
      Prisma.sql`UPDATE "WaitlistEntry" SET status = 'NOTIFIED', "notifiedAt" = ${at}, "updatedAt" = (now() AT TIME ZONE 'UTC')
                  WHERE id = ${row.waitlistEntryId} AND status = 'WAITING'`,
    ];
    if (rules.reminderEnabled && row.restockId) {
      const remindAt = sqlUtcTimestamp(new Date(deliveredAt.getTime() + rules.reminderDelayMinutes * 60_000));
      statements.push(Prisma.sql`
        INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", "recipientPhone", "recipientEmail",
                                properties, "restockId", "waitlistEntryId", "nextAttemptAt", "createdAt", "updatedAt")
        VALUES (${randomUUID()}, ${row.shopId}, ${row.provider}::"DeliveryProvider", ${BACK_IN_STOCK_REMINDER},
                ${idempotencyKey(row.shopId, BACK_IN_STOCK_REMINDER, row.restockId, row.waitlistEntryId)},
                ${row.recipientPhone}::text, ${row.recipientEmail}::text, ${JSON.stringify(row.properties)}::jsonb,
                ${row.restockId}, ${row.waitlistEntryId}, ${remindAt},
                (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
        ON CONFLICT DO NOTHING`);
    }
    return statements;
  },
};
