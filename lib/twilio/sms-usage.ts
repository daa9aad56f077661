import { PLANS } from "@/lib/billing/plans";
import { prisma } from "@/lib/db/prisma";
import type { Plan } from "@/lib/generated/prisma/client";

export type SmsUsage = {
  /** Texts built-in SMS handed to Twilio this calendar month (UTC), and their billed segments. */
  messages: number;
  segments: number;
  allowance: number;
  /** When the month (and the count) starts over. */
  resetsAt: Date;
};

function monthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

/** The shop's built-in SMS use this month against its plan's allowance. */
export async function smsUsage(shopId: string, plan: Plan, now = new Date()): Promise<SmsUsage> {
  const { _count, _sum } = await prisma.smsMessage.aggregate({
    where: { shopId, createdAt: { gte: monthStart(now) } },
    _count: { _all: true },
    _sum: { segments: true },
  });
  return { messages: _count._all, segments: _sum.segments ?? 0, allowance: PLANS[plan].smsPerMonth, resetsAt: monthStart(now, 1) };
}

/** The merchant-facing stop when the allowance is used up, or null while texts may go out. */
export function allowanceStop(usage: SmsUsage, plan: Plan): string | null {
  if (usage.messages < usage.allowance) return null;
  const when = usage.resetsAt.toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
  const upgrade = plan === "FREE" ? " or when you upgrade to Paid" : "";
  return `Built-in SMS has used this month's allowance of ${usage.allowance} texts (${usage.messages} sent): waiting texts go out on ${when}${upgrade}.`;
}
