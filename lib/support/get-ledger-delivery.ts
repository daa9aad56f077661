import { prisma } from "@/lib/db/prisma";
import type { DeliveryStatus } from "@/lib/generated/prisma/client";
import { isRecordId } from "@/lib/db/is-record-id";
import { maskRecipient } from "@/lib/deliveries/mask-recipient";
import { findEvent } from "@/lib/setup/event-catalog";
import { maskProperty, maskText } from "./mask-text";

export type LedgerDelivery = {
  id: string;
  eventType: string;
  eventName: string;
  provider: "POSTSCRIPT" | "KLAVIYO" | "BUILT_IN";
  status: DeliveryStatus;
  /** Masked; the agent reveals it with a reason (audited). */
  recipient: string;
  canReveal: boolean;
  idempotencyKey: string;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  /** Postscript's (or Klaviyo's) answer as stored, contact details masked. */
  responseBody: string | null;
  error: string | null;
  skipReason: string | null;
  properties: { name: string; value: string }[];
  cause: { label: string; detail: string }[];
  /** Only FAILED rows may be replayed; a delivered one never is. */
  replayable: boolean;
};

/** One ledger row of a shop for the support console, with its cause and every contact detail masked. */
export async function getLedgerDelivery(shopId: string, deliveryId: string): Promise<LedgerDelivery | null> {
  if (!isRecordId(deliveryId)) return null;
  const d = await prisma.delivery.findFirst({ where: { id: deliveryId, shopId } });
  if (!d) return null;
  const [restock, order, entry, strategy] = await Promise.all([
    d.restockId
      ? prisma.restock.findFirst({
          where: { id: d.restockId, shopId },
          include: { variant: { select: { title: true, product: { select: { title: true } } } } },
        })
      : null,
    d.orderId ? prisma.order.findFirst({ where: { id: d.orderId, shopId }, select: { name: true } }) : null,
    d.waitlistEntryId
      ? prisma.waitlistEntry.findFirst({
          where: { id: d.waitlistEntryId, shopId },
          select: { createdAt: true, status: true, postscriptSync: true },
        })
      : null,
    d.upsellStrategyId
      ? prisma.upsellStrategy.findFirst({
          where: { id: d.upsellStrategyId, shopId },
          select: { name: true, notifyPostscript: true },
        })
      : null,
  ]);
  const cause: { label: string; detail: string }[] = [];
  if (restock)
    cause.push({
      label: restock.trigger === "MANUAL" ? "Sent by hand" : "Restock",
      detail: `${restock.variant.product.title} – ${restock.variant.title}, ${restock.createdAt.toISOString()}`,
    });
  if (entry)
    cause.push({
      label: "Waitlist signup",
      detail: `${entry.createdAt.toISOString()}, now ${entry.status.toLowerCase()}, Postscript sync ${entry.postscriptSync.toLowerCase().replace("_", " ")}`,
    });
  else if (d.waitlistEntryId)
    cause.push({ label: "Waitlist signup", detail: "no longer exists (removed or redacted)" });
  if (order) cause.push({ label: "Order", detail: order.name });
  if (strategy)
    cause.push({
      label: "Upsell strategy",
      detail: `${strategy.name} (Postscript ${strategy.notifyPostscript ? "selected" : "not selected"})`,
    });
  const props =
    d.properties && typeof d.properties === "object" && !Array.isArray(d.properties)
      ? Object.entries(d.properties)
      : [];
  return {
    id: d.id,
    eventType: d.eventType,
    eventName: findEvent(d.eventType)?.displayName ?? d.eventType,
    provider: d.provider,
    status: d.status,
    recipient: maskRecipient(d.recipientPhone, d.recipientEmail),
    canReveal: Boolean(d.recipientPhone || d.recipientEmail),
    idempotencyKey: d.idempotencyKey,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    responseStatus: d.responseStatus,
    responseBody: d.responseBody ? maskText(d.responseBody) : null,
    error: d.error ? maskText(d.error) : null,
    skipReason: d.skipReason,
    properties: props.map(([name, value]) => ({
      name,
      value: maskProperty(name, typeof value === "string" ? value : JSON.stringify(value)),
    })),
    cause,
    replayable: d.status === "FAILED" || d.status === "UNCONFIRMED",
  };
}
