import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import type { ReplayWebhookInput } from "./support-action-schemas";
import type { SupportContext } from "./run-support-action";

export type ReplayWebhookOutcome = {
  webhookEventId: string;
  topic: string;
  /** What the row said before the replay, kept in the audit entry (the row itself starts over). */
  previous: { attempts: number; error: string | null };
  message: string;
};

/**
 * Replays a Shopify webhook that failed for good: the stored body gets a fresh retry budget and is queued again,
 * through the same processing as on arrival (idempotent: a processed webhook is never applied twice). Anything
 * not failed is refused and nothing changes; the conditional update makes two concurrent replays queue it once.
 */
export async function replayWebhook(input: ReplayWebhookInput, ctx: SupportContext): Promise<ReplayWebhookOutcome> {
  const row = await prisma.webhookEvent.findFirst({
    where: { id: input.webhookEventId, shopId: ctx.shop.id },
    select: { id: true, topic: true, attempts: true, error: true, processedAt: true, failedAt: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "Webhook not found in this shop.");
  if (row.processedAt) throw new AppError("CONFLICT", "This webhook was processed; it is never applied twice.");
  if (!row.failedAt) throw new AppError("CONFLICT", "This webhook has not failed: it is still being retried.");
  const { count } = await prisma.webhookEvent.updateMany({
    where: { id: row.id, shopId: ctx.shop.id, processedAt: null, failedAt: row.failedAt },
    data: { failedAt: null, error: null, attempts: 0, lastAttemptAt: null },
  });
  if (count === 0) throw new AppError("CONFLICT", "Someone else replayed this webhook a moment ago.");
  await sendJobEvent("webhookReceived", { webhookEventId: row.id });
  return {
    webhookEventId: row.id,
    topic: row.topic,
    previous: { attempts: row.attempts, error: row.error },
    message: "Queued again: it is processed in a moment. If it fails again, it shows here again with the new reason.",
  };
}
