import { driverQuery } from "@/lib/db/driver-query";
import { prisma } from "@/lib/db/prisma";
import { Prisma, type DeliveryProvider, type WaitlistStatus } from "@/lib/generated/prisma/client";
import { PRIORITY_EVENT_TYPES } from "./event-types";
import type { DeliveryPropertyValue, DueDelivery } from "./providers/delivery-provider";

/** A claimed row plus what the engine checks right before sending it. */
export type ClaimedDelivery = DueDelivery & {
  /** The waitlist entry's status now; null when the row has no entry or the entry is gone (redacted). */
  entryStatus: WaitlistStatus | null;
  entryExists: boolean;
  /** The entry became NOTIFIED through this very row (an unconfirmed send, now resent on request). */
  entryNotifiedByThis: boolean;
  /** The entry's variant stock now (for reminders); null without an entry. */
  variantAvailable: number | null;
};

type Row = Omit<ClaimedDelivery, "properties"> & { properties: unknown };

/**
 * SQL condition on a Delivery row aliased `d`: false while the row's recipient is still being added as a
 * Postscript subscriber (sync PENDING), so the event never reaches a phone Postscript does not know yet because
 * of us; the row goes out once the sync ends (synced, or failed for a reason a resend would not fix).
 */
export const notWaitingForSync = Prisma.sql`(d.provider <> 'POSTSCRIPT' OR d."waitlistEntryId" IS NULL OR NOT EXISTS (
  SELECT 1 FROM "WaitlistEntry" w WHERE w.id = d."waitlistEntryId" AND w."postscriptSync" = 'PENDING'))`;

/**
 * Claims the next due delivery of a shop and provider (status SENDING, attempts + 1, lastAttemptAt = now) and
 * returns it, or null when none is due. FOR UPDATE SKIP LOCKED lets any number of workers and processes claim
 * side by side without ever taking the same row. Order: retries that are due, then transactional messages
 * (preorder confirmations), then everything else oldest first, so a big restock never holds up a preorder.
 * Call it right before sending: a process that dies leaves at most the rows it was sending claimed. One of the
 * engine's two statements per alert, so it goes through the driver alone (driverQuery).
 */
export async function claimNextDelivery(shopId: string, provider: DeliveryProvider): Promise<ClaimedDelivery | null> {
  const rows = await driverQuery<Row>(Prisma.sql`
    WITH pick AS (
      SELECT COALESCE(
        (SELECT id FROM "Delivery" d
          WHERE status = 'RETRYING' AND "shopId" = ${shopId} AND provider = ${provider}::"DeliveryProvider"
            AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC') AND ${notWaitingForSync}
          ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE OF d SKIP LOCKED),
        (SELECT id FROM "Delivery" d
          WHERE "shopId" = ${shopId} AND "eventType" = ANY(${PRIORITY_EVENT_TYPES as string[]}::text[]) AND status = 'PENDING'
            AND provider = ${provider}::"DeliveryProvider" AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
          ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE OF d SKIP LOCKED),
        (SELECT id FROM "Delivery" d
          WHERE status = 'PENDING' AND "shopId" = ${shopId} AND provider = ${provider}::"DeliveryProvider"
            AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC') AND ${notWaitingForSync}
          ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE OF d SKIP LOCKED)
      ) AS id
    )
    UPDATE "Delivery" d
       SET status = 'SENDING', attempts = d.attempts + 1,
           "lastAttemptAt" = (now() AT TIME ZONE 'UTC'), "updatedAt" = (now() AT TIME ZONE 'UTC')
      FROM pick
     WHERE d.id = pick.id
    RETURNING d.id, d."shopId", d.provider::text AS provider, d."eventType", d."idempotencyKey", d."recipientPhone",
      d."recipientEmail", d.properties, d.attempts, d."restockId", d."waitlistEntryId", d."orderId",
      (SELECT e.status::text FROM "WaitlistEntry" e WHERE e.id = d."waitlistEntryId") AS "entryStatus",
      EXISTS (SELECT 1 FROM "WaitlistEntry" e WHERE e.id = d."waitlistEntryId") AS "entryExists",
      COALESCE((SELECT e."notifiedAt" = d."deliveredAt" FROM "WaitlistEntry" e WHERE e.id = d."waitlistEntryId"), false) AS "entryNotifiedByThis",
      (SELECT v.available FROM "WaitlistEntry" e JOIN "Variant" v ON v.id = e."variantId"
        WHERE e.id = d."waitlistEntryId") AS "variantAvailable"`);
  const row = rows[0];
  if (!row) return null;
  const properties = typeof row.properties === "string" ? JSON.parse(row.properties) : row.properties;
  return {
    ...row,
    attempts: Number(row.attempts),
    properties: (properties ?? {}) as Record<string, DeliveryPropertyValue>,
  };
}

/**
 * When the next delivery of this shop (of one provider, if given) becomes due (now or later), or null when none
 * waits; rows waiting for their subscriber sync are left out (the sync wakes the queue when it ends).
 */
export async function nextDueAt(shopId: string, provider?: DeliveryProvider): Promise<Date | null> {
  const ofProvider = provider ? Prisma.sql`AND d.provider = ${provider}::"DeliveryProvider"` : Prisma.empty;
  const rows = await prisma.$queryRaw<{ at: Date }[]>`
    SELECT d."nextAttemptAt" AS at FROM "Delivery" d
     WHERE d."shopId" = ${shopId} ${ofProvider} AND d.status IN ('PENDING', 'RETRYING')
       AND d."nextAttemptAt" IS NOT NULL AND ${notWaitingForSync}
     ORDER BY d."nextAttemptAt" LIMIT 1`;
  return rows[0]?.at ?? null;
}
