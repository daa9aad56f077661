import { prisma } from "@/lib/db/prisma";
import { idempotencyKey, NO_CONTACT_REASON, POSTSCRIPT_NOT_SELECTED_REASON } from "@/lib/deliveries/event-types";
import type { DeliveryProvider, Prisma } from "@/lib/generated/prisma/client";
import { sendJobEvent } from "@/lib/jobs/send-job-event";

export type OrderEvent = {
  shopId: string;
  orderId: string;
  eventType: string;
  /** What makes this event unique for its order (the edit session, the order itself…): part of the ledger key. */
  cause: string;
  recipient: { phone: string | null; email: string | null };
  properties: Prisma.InputJsonObject;
  /** The integrations the merchant selected for this event (shop settings, or the upsell strategy's). */
  integrations: { postscript: boolean; klaviyo: boolean };
  /** An upsell strategy matched without Postscript ticked: recorded as a skip so the merchant can see why. */
  recordPostscriptNotSelected?: boolean;
  orderEditId?: string;
  upsellStrategyId?: string;
};

/** Why a provider's events are recorded as skipped instead of queued: not connected or switched off by the merchant. */
async function closedIntegrations(shopId: string): Promise<Record<"POSTSCRIPT" | "KLAVIYO", string | null>> {
  const [postscript, klaviyo] = await Promise.all([
    prisma.integration.findUnique({
      where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
      select: { encryptedKey: true, enabled: true },
    }),
    prisma.integration.findUnique({
      where: { shopId_provider: { shopId, provider: "KLAVIYO" } },
      select: { encryptedKey: true, enabled: true },
    }),
  ]);
  const reason = (name: string, row: { encryptedKey: string | null; enabled: boolean } | null) => {
    if (!row?.encryptedKey) return `${name} is not connected (no API key saved)`;
    if (!row.enabled) return `the ${name} integration is disabled`;
    // A saved key that does not verify right now is a pause, not a skip: the event waits for a working key.
    return null;
  };
  return { POSTSCRIPT: reason("Postscript", postscript), KLAVIYO: reason("Klaviyo", klaviyo) };
}

/**
 * Records an order-editing event in the delivery ledger, one row per selected integration, and hands the shop's
 * queue to the sender. Safe to call again for the same cause: the ledger key makes it a no-op. An event for a
 * customer with neither phone nor email is recorded SKIPPED with that reason (seed 000: "skips the event
 * entirely"), and so is one for an integration that is not connected or is disabled.
 * Returns how many new ledger rows it wrote (0 when the event was already recorded).
 */
export async function queueOrderEvent(event: OrderEvent): Promise<number> {
  const { shopId, eventType, cause, recipient } = event;
  const reachable = Boolean(recipient.phone || recipient.email);
  const closed = await closedIntegrations(shopId);
  const targets: { provider: DeliveryProvider; skipReason: string | null }[] = [];
  if (event.integrations.postscript) targets.push({ provider: "POSTSCRIPT", skipReason: closed.POSTSCRIPT });
  else if (event.recordPostscriptNotSelected)
    targets.push({ provider: "POSTSCRIPT", skipReason: POSTSCRIPT_NOT_SELECTED_REASON });
  if (event.integrations.klaviyo) targets.push({ provider: "KLAVIYO", skipReason: closed.KLAVIYO });
  if (targets.length === 0) return 0;

  const now = new Date();
  const rows: Prisma.DeliveryCreateManyInput[] = targets.map(({ provider, skipReason }) => {
    const reason = reachable ? skipReason : NO_CONTACT_REASON;
    return {
      shopId,
      provider,
      eventType,
      idempotencyKey:
        provider === "POSTSCRIPT"
          ? idempotencyKey(shopId, eventType, cause)
          : idempotencyKey(shopId, eventType, cause, "klaviyo"),
      recipientPhone: recipient.phone,
      recipientEmail: recipient.email,
      properties: event.properties,
      orderId: event.orderId,
      orderEditId: event.orderEditId ?? null,
      upsellStrategyId: event.upsellStrategyId ?? null,
      ...(reason
        ? { status: "SKIPPED" as const, skipReason: reason }
        : { status: "PENDING" as const, nextAttemptAt: now }),
    };
  });
  const { count } = await prisma.delivery.createMany({ data: rows, skipDuplicates: true });
  const queued = rows.filter((row) => row.status === "PENDING").length;
  if (count > 0 && queued > 0) {
    try {
      await sendJobEvent("deliveriesQueued", { shopId });
    } catch (error) {
      // The rows are stored and due: the minute sweep wakes the shop's drainer if this hand-off failed.
      console.error(
        "[order-editing] could not queue the event; the sweeper will send it:",
        error instanceof Error ? error.message : error,
      );
    }
  }
  return count;
}
