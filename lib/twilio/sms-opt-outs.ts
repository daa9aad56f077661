import { prisma } from "@/lib/db/prisma";

/** The skip reason of texts that were waiting when the customer opted out. */
export const OPTED_OUT_REASON = "The customer replied STOP to this shop's texts: opted out of SMS.";

/** Whether the number opted out of this shop's built-in SMS (STOP and no START since). */
export async function isOptedOut(shopId: string, phone: string): Promise<boolean> {
  const row = await prisma.smsOptOut.findUnique({
    where: { shopId_phone: { shopId, phone } },
    select: { optedInAt: true },
  });
  return Boolean(row && !row.optedInAt);
}

/**
 * Opts the number out of the shop's built-in SMS at once: it is never texted again until it sends START, and its
 * texts still waiting (not yet claimed) are SKIPPED with the reason. Returns how many waiting texts were skipped.
 */
export async function recordOptOut(shopId: string, phone: string, keyword: string, at = new Date()): Promise<number> {
  const [, skipped] = await prisma.$transaction([
    prisma.smsOptOut.upsert({
      where: { shopId_phone: { shopId, phone } },
      create: { shopId, phone, keyword, optedOutAt: at },
      update: { keyword, optedOutAt: at, optedInAt: null },
    }),
    prisma.delivery.updateMany({
      where: { shopId, provider: "BUILT_IN", recipientPhone: phone, status: { in: ["PENDING", "RETRYING"] } },
      data: { status: "SKIPPED", skipReason: OPTED_OUT_REASON, nextAttemptAt: null },
    }),
  ]);
  return skipped.count;
}

/** START / UNSTOP: the number may be texted again by this shop (the opt-out row stays as history). */
export async function recordOptIn(shopId: string, phone: string, at = new Date()): Promise<void> {
  await prisma.smsOptOut.updateMany({ where: { shopId, phone, optedInAt: null }, data: { optedInAt: at } });
}
