import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider, Prisma } from "@/lib/generated/prisma/client";

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
  | { status: "DELIVERED"; deliveryId: string; alreadyDelivered: boolean }
  | { status: "FAILED"; deliveryId: string; error: string };

const STALE_CLAIM_MS = 5 * 60_000;

type Transport = () => Promise<{ responseStatus: number; responseBody: string }>;

/**
 * Records the delivery in the ledger under its idempotency key, then sends it unless the ledger shows it was
 * already delivered. The row is claimed (status SENDING) before the call, so a concurrent duplicate waits out
 * instead of sending twice; a failed attempt stays in the ledger with its reason and may be tried again.
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
  if (row.status === "DELIVERED") return { status: "DELIVERED", deliveryId: row.id, alreadyDelivered: true };

  // Only one caller wins the claim; the others see nothing to do. A claim older than the stale window belongs
  // to a process that died mid-send and may be taken over.
  const claim = await prisma.delivery.updateMany({
    where: {
      id: row.id,
      OR: [
        { status: { in: ["PENDING", "RETRYING", "FAILED"] } },
        { status: "SENDING", lastAttemptAt: { lt: new Date(Date.now() - STALE_CLAIM_MS) } },
      ],
    },
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
    const message = error instanceof Error ? error.message : String(error);
    const status = (error as { status?: number }).status;
    await prisma.delivery.update({
      where: { id: row.id },
      data: { status: "FAILED", error: message, responseStatus: typeof status === "number" ? status : null },
    });
    return { status: "FAILED", deliveryId: row.id, error: message };
  }
}
