import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider, Prisma } from "@/lib/generated/prisma/client";
import { classifyProviderFailure } from "./providers/classify-provider-failure";
import { postscriptFailure } from "./providers/postscript-failure";
import { STALE_CLAIM_NOTE } from "./resolve-stale-claims";

export type SendOnceInput = {
  shopId: string;
  provider: DeliveryProvider;
  eventType: string;
  /** Stable for "the same message to the same person for the same cause"; a second call with it sends nothing. */
  idempotencyKey: string;
  recipientPhone?: string | null;
  recipientEmail?: string | null;
  properties: Prisma.InputJsonObject;
};

export type SendOutcome =
  | { status: "DELIVERED" | "UNCONFIRMED"; deliveryId: string; alreadyDelivered: boolean }
  | { status: "FAILED"; deliveryId: string; error: string };

const STALE_CLAIM_MS = 5 * 60_000;

type Transport = () => Promise<{ responseStatus: number; responseBody: string }>;

/**
 * Sends one event right now (not through the paced queue: for single events a person is waiting on, such as
 * "Integration Connected"), recorded in the ledger under its idempotency key; a key already delivered sends
 * nothing. The row is claimed (SENDING) before the call, so a concurrent duplicate does not send too. When the
 * outcome is unknown — a timeout, a connection lost mid-request, a claim left by a process that died — the row
 * is recorded as UNCONFIRMED and not resent on its own (Postscript does not de-duplicate events). Other
 * failures stay FAILED with their reason and may be tried again by a later call.
 */
export async function sendOnce(input: SendOnceInput, transport: Transport): Promise<SendOutcome> {
  const row = await prisma.delivery.upsert({
    where: { idempotencyKey: input.idempotencyKey },
    create: {
      shopId: input.shopId,
      provider: input.provider,
      eventType: input.eventType,
      idempotencyKey: input.idempotencyKey,
      recipientPhone: input.recipientPhone ?? null,
      recipientEmail: input.recipientEmail ?? null,
      properties: input.properties,
    },
    update: {},
  });
  if (row.status === "DELIVERED" || row.status === "UNCONFIRMED")
    return { status: row.status, deliveryId: row.id, alreadyDelivered: true };

  // A claim older than the stale window belongs to a process that died mid-send: whether it reached Postscript
  // is unknown, so it is resolved as unconfirmed rather than sent a second time.
  const stale = await prisma.delivery.updateMany({
    where: { id: row.id, status: "SENDING", lastAttemptAt: { lt: new Date(Date.now() - STALE_CLAIM_MS) } },
    data: { status: "UNCONFIRMED", deliveredAt: new Date(), error: STALE_CLAIM_NOTE },
  });
  if (stale.count > 0) return { status: "UNCONFIRMED", deliveryId: row.id, alreadyDelivered: true };

  // Only one caller wins the claim; the others see nothing to do.
  const claim = await prisma.delivery.updateMany({
    where: { id: row.id, status: { in: ["PENDING", "RETRYING", "FAILED"] } },
    data: { status: "SENDING", attempts: { increment: 1 }, lastAttemptAt: new Date() },
  });
  if (claim.count === 0) {
    return { status: "FAILED", deliveryId: row.id, error: "Another attempt at this delivery is in progress." };
  }
  try {
    const { responseStatus, responseBody } = await transport();
    await prisma.delivery.update({
      where: { id: row.id },
      data: { status: "DELIVERED", deliveredAt: new Date(), responseStatus, responseBody, error: null },
    });
    return { status: "DELIVERED", deliveryId: row.id, alreadyDelivered: false };
  } catch (error) {
    const result = classifyProviderFailure(error, postscriptFailure);
    if (result.outcome === "unconfirmed") {
      await prisma.delivery.update({
        where: { id: row.id },
        data: { status: "UNCONFIRMED", deliveredAt: new Date(), error: result.error },
      });
      return { status: "UNCONFIRMED", deliveryId: row.id, alreadyDelivered: false };
    }
    const message = error instanceof Error ? error.message : String(error);
    const status = (error as { status?: number }).status;
    await prisma.delivery.update({
      where: { id: row.id },
      data: { status: "FAILED", error: message, responseStatus: typeof status === "number" ? status : null },
    });
    return { status: "FAILED", deliveryId: row.id, error: message };
  }
}
