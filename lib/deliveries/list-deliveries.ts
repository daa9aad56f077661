import { prisma } from "@/lib/db/prisma";
import type { DeliveryStatus, Prisma } from "@/lib/generated/prisma/client";
import { maskRecipient } from "./mask-recipient";

export type DeliveryRow = {
  id: string;
  kind: "event" | "test";
  eventType: string;
  provider: string;
  recipient: string;
  status: string;
  attempts: number;
  answer: string | null;
  createdAt: string;
  scheduledFor: string | null;
};

export type ActivityFilter = {
  eventType?: string;
  status?: DeliveryStatus;
  recipient?: string;
  /** Match `recipient` as a whole E.164 phone or email only (the support ledger), not as a part. */
  recipientExact?: boolean;
  before?: Date;
};

export const ACTIVITY_PAGE_SIZE = 100;

function recipientConditions(recipient: string, exact: boolean): Prisma.DeliveryWhereInput[] {
  if (exact) return [{ recipientEmail: { equals: recipient, mode: "insensitive" } }, { recipientPhone: recipient }];
  const digits = recipient.replace(/\D/g, "");
  return [
    { recipientEmail: { contains: recipient, mode: "insensitive" } },
    ...(digits.length >= 3 ? [{ recipientPhone: { contains: digits } }] : []),
  ];
}

/**
 * The Activity page: the shop's deliveries (and setup test events) newest first, recipients masked, filtered by
 * event type, status and recipient (a phone or email typed in full or in part, or whole only), a page at a time.
 */
export async function listDeliveries(shopId: string, filter: ActivityFilter = {}): Promise<DeliveryRow[]> {
  const recipient = filter.recipient?.trim().slice(0, 200);
  const where: Prisma.DeliveryWhereInput = {
    shopId,
    ...(filter.eventType ? { eventType: filter.eventType } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.before ? { createdAt: { lt: filter.before } } : {}),
    ...(recipient ? { OR: recipientConditions(recipient, Boolean(filter.recipientExact)) } : {}),
  };
  // Test events have no recipient to filter on and only two outcomes; they join the list when that fits the filter.
  const includeTests = !recipient && (!filter.status || filter.status === "DELIVERED" || filter.status === "FAILED");
  const [deliveries, tests] = await Promise.all([
    prisma.delivery.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: ACTIVITY_PAGE_SIZE,
      select: {
        id: true,
        eventType: true,
        provider: true,
        recipientPhone: true,
        recipientEmail: true,
        status: true,
        attempts: true,
        responseStatus: true,
        error: true,
        skipReason: true,
        createdAt: true,
        nextAttemptAt: true,
      },
    }),
    includeTests
      ? prisma.testEvent.findMany({
          where: {
            shopId,
            ...(filter.eventType ? { eventType: filter.eventType } : {}),
            ...(filter.status ? { status: filter.status === "DELIVERED" ? "ACCEPTED" : "FAILED" } : {}),
            ...(filter.before ? { createdAt: { lt: filter.before } } : {}),
          },
          orderBy: { createdAt: "desc" },
          take: ACTIVITY_PAGE_SIZE,
        })
      : Promise.resolve([]),
  ]);
  const rows: DeliveryRow[] = [
    ...deliveries.map((r) => ({
      id: r.id,
      kind: "event" as const,
      eventType: r.eventType,
      provider: r.provider,
      recipient: maskRecipient(r.recipientPhone, r.recipientEmail),
      status: r.status,
      attempts: r.attempts,
      answer: r.error ?? r.skipReason ?? (r.responseStatus ? `HTTP ${r.responseStatus}` : null),
      createdAt: r.createdAt.toISOString(),
      // Reminders and retries wait for their time; say when, so "pending" never looks stuck.
      scheduledFor:
        (r.status === "PENDING" || r.status === "RETRYING") && r.nextAttemptAt && r.nextAttemptAt > new Date()
          ? r.nextAttemptAt.toISOString()
          : null,
    })),
    ...tests.map((t) => ({
      id: t.id,
      kind: "test" as const,
      eventType: t.eventType,
      provider: "POSTSCRIPT",
      recipient: "Test event",
      status: t.status === "ACCEPTED" ? "DELIVERED" : "FAILED",
      attempts: 1,
      answer: t.error ?? (t.postscriptEventId ? `Accepted (${t.postscriptEventId})` : "Accepted"),
      createdAt: t.createdAt.toISOString(),
      scheduledFor: null,
    })),
  ];
  return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, ACTIVITY_PAGE_SIZE);
}
