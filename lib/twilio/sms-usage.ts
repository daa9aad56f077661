import { formatCalendarDay } from "@/lib/format/format-calendar-day";
import { PLANS } from "@/lib/billing/plans";
import { prisma } from "@/lib/db/prisma";
import type { Plan } from "@/lib/generated/prisma/client";

export type SmsUsage = {
  /** Texts built-in SMS handed to Twilio this calendar month (UTC), and their billed segments. */
  messages: number;
  segments: number;
  allowance: number;
  /** Texts taken from the allowance (accepted, or being sent right now). */
  reserved: number;
  /** When the month (and the count) starts over. */
  resetsAt: Date;
};

/** The allowance's month: "2026-12" (UTC). */
export function allowanceMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

function monthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

/** The shop's built-in SMS use this month against its plan's allowance. */
export async function smsUsage(shopId: string, plan: Plan, now = new Date()): Promise<SmsUsage> {
  const [{ _count, _sum }, use] = await Promise.all([
    prisma.smsMessage.aggregate({
      where: { shopId, createdAt: { gte: monthStart(now) } },
      _count: { _all: true },
      _sum: { segments: true },
    }),
    prisma.smsAllowanceUse.findUnique({
      where: { shopId_month: { shopId, month: allowanceMonth(now) } },
      select: { reserved: true },
    }),
  ]);
  return {
    messages: _count._all,
    segments: _sum.segments ?? 0,
    allowance: PLANS[plan].smsPerMonth,
    reserved: Math.max(use?.reserved ?? 0, _count._all),
    resetsAt: monthStart(now, 1),
  };
}

/**
 * Takes one text from the shop's allowance for `month` before it is sent: a conditional increment, so senders in
 * any number of processes never pass the allowance together. False when it is used up.
 */
export async function reserveAllowance(shopId: string, plan: Plan, month: string): Promise<boolean> {
  const existing = await prisma.smsAllowanceUse.findUnique({
    where: { shopId_month: { shopId, month } },
    select: { reserved: true },
  });
  if (!existing) {
    // First text of the month in this table: start from what was already sent (texts before this table existed).
    const sent = await prisma.smsMessage.count({
      where: { shopId, createdAt: { gte: new Date(`${month}-01T00:00:00Z`) } },
    });
    await prisma.smsAllowanceUse.createMany({ data: [{ shopId, month, reserved: sent }], skipDuplicates: true });
  }
  const taken = await prisma.$executeRaw`
    UPDATE "SmsAllowanceUse" SET reserved = reserved + 1
     WHERE "shopId" = ${shopId} AND month = ${month} AND reserved < ${PLANS[plan].smsPerMonth}`;
  return taken === 1;
}

/** Gives a reserved text back: it did not go out (refused, retried later, paused). */
export async function releaseAllowance(shopId: string, month: string): Promise<void> {
  await prisma.$executeRaw`UPDATE "SmsAllowanceUse" SET reserved = reserved - 1 WHERE "shopId" = ${shopId} AND month = ${month} AND reserved > 0`;
}

/** The merchant-facing stop when the allowance is used up, or null while texts may go out. */
export function allowanceStop(usage: SmsUsage, plan: Plan): string | null {
  if (usage.reserved < usage.allowance) return null;
  const when = formatCalendarDay(usage.resetsAt, "long");
  const upgrade = plan === "FREE" ? " or when you upgrade to Paid" : "";
  return `Built-in SMS has used this month's allowance of ${usage.allowance} texts (${usage.reserved} sent): waiting texts go out on ${when}${upgrade}.`;
}

/** This month's use as the settings panel shows it: counts, when it resets, and the stop once it is used up. */
export async function smsUsageView(shopId: string, plan: Plan) {
  const usage = await smsUsage(shopId, plan);
  return {
    messages: usage.messages,
    segments: usage.segments,
    allowance: usage.allowance,
    resetsOn: formatCalendarDay(usage.resetsAt, "long"),
    stop: allowanceStop(usage, plan),
  };
}
