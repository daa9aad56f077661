import { driverQuery } from "@/lib/db/driver-query";
import { prisma } from "@/lib/db/prisma";
import { sqlUtcTimestamp } from "@/lib/db/sql-utc-timestamp";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OpenedDeliveryHooks } from "./delivery-hooks";
import type { DueDelivery, SendResult } from "./providers/delivery-provider";
import { retryDelayMs, type RetryPolicy } from "./retry-policy";

/** What one attempt added to a run's tally. */
export type RecordedAs = "sent" | "unconfirmed" | "retrying" | "failed" | "skipped" | "paused" | "deferred";

type Outcome = SendResult;

const stillSending = (id: string) => ({ id, status: "SENDING" as const });

/**
 * Marks a claimed row delivered and, in the same transaction, what follows from it for its feature (the delivery
 * hooks' onDelivered: a back-in-stock alert notifies its waitlist entry and schedules the reminder). `unconfirmed` records a send that left without an
 * answer: UNCONFIRMED with `note`, with the same consequences (the event may have been received, and resending
 * is a deliberate choice, not the engine's). `alongside` and `returning` are the caller's writes in the same
 * statement; `returning`'s row (if it returns one) is what this resolves to. One of the engine's statements per
 * alert, so it goes through the driver alone (driverQuery).
 */
export async function markDelivered<Returned = never>(
  row: DueDelivery,
  answer: {
    responseStatus: number | null;
    responseBody: string | null;
    note: string | null;
    deliveredAt?: Date;
    unconfirmed?: boolean;
  },
  hooks: OpenedDeliveryHooks,
  alongside: Prisma.Sql[] = [],
  returning?: Prisma.Sql,
): Promise<Returned | undefined> {
  const deliveredAt = answer.deliveredAt ?? new Date();
  // One statement (the hooks' writes, and the caller's `alongside`, as data-modifying CTEs): atomic like a
  // transaction, in one round trip.
  const follows = [...hooks.onDelivered(row, deliveredAt), ...alongside].map(
    (sql, i) => Prisma.sql`${Prisma.raw(`h${i}`)} AS (${sql})`,
  );
  const update = Prisma.sql`
    UPDATE "Delivery"
       SET status = ${answer.unconfirmed ? "UNCONFIRMED" : "DELIVERED"}::"DeliveryStatus",
           "deliveredAt" = ${sqlUtcTimestamp(deliveredAt)}, "responseStatus" = ${answer.responseStatus}::int,
           "responseBody" = ${answer.responseBody}::text, error = ${answer.note}::text, "nextAttemptAt" = NULL,
           "updatedAt" = (now() AT TIME ZONE 'UTC')
     WHERE id = ${row.id} AND status = 'SENDING'`;
  if (!returning) {
    await driverQuery(Prisma.sql`
      ${follows.length > 0 ? Prisma.sql`WITH ${Prisma.join(follows, ", ")}` : Prisma.empty} ${update}`);
    return undefined;
  }
  // The record too is a CTE here (each runs once, to completion, read or not), so `returning`'s row comes back
  // whether or not the row was still SENDING.
  const rows = await driverQuery<Returned>(Prisma.sql`
    WITH ${Prisma.join([...follows, Prisma.sql`recorded AS (${update})`, Prisma.sql`returned AS (${returning})`], ", ")}
    SELECT * FROM returned`);
  return rows[0];
}

/**
 * Records the result of one attempt on a claimed (SENDING) row and says how to count it. `alongside` is advice
 * written with it (the send slot's settle), and `returning` a statement whose row comes back with the count (the
 * next send slot's reservation): both in the same statement when the row is delivered or unconfirmed (the common
 * case, one round trip), else after the record, a failure of `alongside` ignored.
 */
export async function recordDeliveryOutcome<Returned = never>(
  row: DueDelivery,
  result: Outcome,
  hooks: OpenedDeliveryHooks,
  policy: RetryPolicy,
  alongside: Prisma.Sql[] = [],
  returning?: Prisma.Sql,
): Promise<{ recorded: RecordedAs; returned: Returned | undefined }> {
  if (result.outcome !== "delivered" && result.outcome !== "unconfirmed") {
    const recorded = await recordUndelivered(row, result, policy);
    for (const sql of alongside) await driverQuery(sql).catch(() => undefined);
    return { recorded, returned: returning ? (await driverQuery<Returned>(returning))[0] : undefined };
  }
  const now = new Date();
  const note = result.outcome === "unconfirmed" ? result.error : null;
  const returned = await markDelivered<Returned>(
    row,
    result.outcome === "delivered"
      ? { responseStatus: result.responseStatus, responseBody: result.responseBody, note, deliveredAt: now }
      : { responseStatus: null, responseBody: null, note, deliveredAt: now, unconfirmed: true },
    hooks,
    alongside,
    returning,
  );
  return { recorded: result.outcome === "delivered" ? "sent" : "unconfirmed", returned };
}

async function recordUndelivered(
  row: DueDelivery,
  result: Exclude<Outcome, { outcome: "delivered" | "unconfirmed" }>,
  policy: RetryPolicy,
): Promise<RecordedAs> {
  const now = new Date();
  switch (result.outcome) {
    case "skipped":
      await prisma.delivery.updateMany({
        where: stillSending(row.id),
        data: { status: "SKIPPED", skipReason: result.reason, nextAttemptAt: null },
      });
      return "skipped";
    case "defer":
      // Not an attempt (nothing was sent): back in the queue until the recipient may be texted.
      await prisma.delivery.updateMany({
        where: stillSending(row.id),
        data: {
          status: "PENDING",
          attempts: { decrement: 1 },
          error: `Waiting: ${result.reason}`,
          nextAttemptAt: result.until,
        },
      });
      return "deferred";
    case "failed":
      await prisma.delivery.updateMany({
        where: stillSending(row.id),
        data: { status: "FAILED", error: result.error, responseStatus: result.responseStatus, nextAttemptAt: null },
      });
      return "failed";
    case "pause":
      // Not this message's fault: back in the queue as it was, to go out once the merchant fixes the key.
      await prisma.delivery.updateMany({
        where: stillSending(row.id),
        data: {
          status: "PENDING",
          attempts: { decrement: 1 },
          error: `Waiting: ${result.error}`,
          responseStatus: result.responseStatus,
        },
      });
      return "paused";
    case "retry": {
      if (result.rateLimited) await noteRateLimited(row.id, now);
      const budget = result.rateLimited ? policy.maxRateLimitedAttempts : policy.maxAttempts;
      if (row.attempts >= budget) {
        await prisma.delivery.updateMany({
          where: stillSending(row.id),
          data: {
            status: "FAILED",
            error: `Gave up after ${row.attempts} attempts. Last answer: ${result.error}`,
            responseStatus: result.responseStatus,
            nextAttemptAt: null,
          },
        });
        return "failed";
      }
      const delay = retryDelayMs(row.attempts, policy, result.retryAfterMs);
      await prisma.delivery.updateMany({
        where: stillSending(row.id),
        data: {
          status: "RETRYING",
          error: result.error,
          responseStatus: result.responseStatus,
          nextAttemptAt: new Date(now.getTime() + delay),
        },
      });
      return "retrying";
    }
  }
}

/** Keeps the 429 history on the row (count, first and last) so diagnostics can say when and how much it delayed. */
async function noteRateLimited(id: string, now: Date): Promise<void> {
  await prisma.delivery.update({
    where: { id },
    data: { rateLimitedAttempts: { increment: 1 }, lastRateLimitedAt: now },
  });
  await prisma.delivery.updateMany({ where: { id, firstRateLimitedAt: null }, data: { firstRateLimitedAt: now } });
}
