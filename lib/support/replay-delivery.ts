import { prisma } from "@/lib/db/prisma";
import { RESEND_DUPLICATE_WARNING } from "@/lib/deliveries/resend-duplicate-warning";
import { resendUnconfirmed } from "@/lib/deliveries/resend-unconfirmed";
import { AppError } from "@/lib/errors/app-error";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import type { ReplayDeliveryInput } from "./support-action-schemas";
import type { SupportContext } from "./run-support-action";

export type ReplayOutcome = {
  deliveryId: string;
  eventType: string;
  /** What the row said before the replay, kept in the audit entry (the row itself starts over). */
  previous: { status: string; attempts: number; error: string | null; responseStatus: number | null };
  message: string;
};

const STATUS_WORDS: Record<string, string> = {
  DELIVERED: "It was already delivered, and a delivered event is never sent again.",
  SENDING: "It is being sent right now.",
  PENDING: "It is already waiting to be sent.",
  RETRYING: "It is already scheduled for another attempt.",
  SKIPPED: "It was skipped on purpose (see its reason); fix the reason instead of replaying it.",
};

/**
 * Replays a FAILED delivery, or resends an UNCONFIRMED one when the agent accepted a possible duplicate, through
 * the ledger: the same row (same idempotency key, same properties) goes back to
 * PENDING, due now, with a fresh retry budget, and the shop's sender is woken. Any other status is refused and
 * nothing changes, so a delivered event is never re-sent. The conditional update makes two concurrent replays
 * queue it once.
 */
export async function replayDelivery(input: ReplayDeliveryInput, ctx: SupportContext): Promise<ReplayOutcome> {
  const row = await prisma.delivery.findFirst({
    where: { id: input.deliveryId, shopId: ctx.shop.id },
    select: { id: true, status: true, eventType: true, attempts: true, error: true, responseStatus: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "Delivery not found in this shop.");
  if (row.status === "UNCONFIRMED") {
    if (!input.acceptDuplicate)
      throw new AppError("CONFLICT", `${RESEND_DUPLICATE_WARNING} Tick the box to resend it anyway.`);
    await resendUnconfirmed(ctx.shop.id, row.id);
    await sendJobEvent("deliveriesQueued", { shopId: ctx.shop.id });
    return {
      deliveryId: row.id,
      eventType: row.eventType,
      previous: { status: row.status, attempts: row.attempts, error: row.error, responseStatus: row.responseStatus },
      message:
        "Queued again although it may have been received: it is sent in a moment, through the same checks as any delivery.",
    };
  }
  if (row.status !== "FAILED") {
    throw new AppError("CONFLICT", `Only failed deliveries can be replayed. ${STATUS_WORDS[row.status] ?? ""}`.trim());
  }
  const { count } = await prisma.delivery.updateMany({
    where: { id: row.id, shopId: ctx.shop.id, status: "FAILED" },
    data: {
      status: "PENDING",
      nextAttemptAt: new Date(),
      attempts: 0,
      error: null,
      responseStatus: null,
      responseBody: null,
    },
  });
  if (count === 0) throw new AppError("CONFLICT", "Someone else replayed this delivery a moment ago.");
  await sendJobEvent("deliveriesQueued", { shopId: ctx.shop.id });
  return {
    deliveryId: row.id,
    eventType: row.eventType,
    previous: { status: row.status, attempts: row.attempts, error: row.error, responseStatus: row.responseStatus },
    message: "Queued again: it is sent in a moment, through the same checks as any delivery.",
  };
}
