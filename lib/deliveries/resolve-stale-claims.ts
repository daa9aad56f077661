import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import type { DeliveryPropertyValue } from "./providers/delivery-provider";
import type { OpenedDeliveryHooks } from "./delivery-hooks";
import { markDelivered } from "./record-delivery-outcome";

export const STALE_CLAIM_NOTE =
  "Unconfirmed: the process sending this event stopped before it recorded Postscript's answer, so the event may " +
  "or may not have reached Postscript. It is not resent on its own, because Postscript does not de-duplicate " +
  "events and the customer could be texted twice.";

/** A claim older than the request timeout plus a minute belongs to a process that is gone. */
export function defaultStaleAfterMs(): number {
  return env().POSTSCRIPT_TIMEOUT_MS + 60_000;
}

/**
 * Resolves rows left SENDING by a process that died mid-send. Whether Postscript got the event is unknown and
 * Postscript has no de-duplication, so resending could text the customer twice: the row is recorded as
 * UNCONFIRMED with a note saying why (with what follows from a delivery for its feature: the entry NOTIFIED, the reminder scheduled). Claims are taken right before the request, so a crash leaves only the few rows in flight.
 * Returns how many rows were resolved.
 */
export async function resolveStaleClaims(
  shopId: string,
  hooks: OpenedDeliveryHooks,
  staleAfterMs = defaultStaleAfterMs(),
): Promise<number> {
  const stale = await prisma.delivery.findMany({
    where: { shopId, status: "SENDING", lastAttemptAt: { lt: new Date(Date.now() - staleAfterMs) } },
    take: 1_000,
  });
  for (const row of stale) {
    await markDelivered(
      { ...row, properties: (row.properties ?? {}) as Record<string, DeliveryPropertyValue> },
      {
        responseStatus: null,
        responseBody: null,
        note: STALE_CLAIM_NOTE,
        deliveredAt: row.lastAttemptAt ?? new Date(),
        unconfirmed: true,
      },
      hooks,
    );
  }
  return stale.length;
}
