import { prisma } from "@/lib/db/prisma";
import type { SyncStatus, WaitlistStatus } from "@/lib/generated/prisma/client";

export type WaitlistCountRow = {
  variantId: string;
  status: WaitlistStatus;
  channel: string;
  postscriptSync: SyncStatus;
  count: number;
};

/**
 * A shop's signups counted per variant, status, channel and Postscript sync state, as of this moment: the sums of
 * the rows WaitlistEntry's triggers append (WaitlistCount), a few thousand rows even for a waitlist of 100,000,
 * instead of a group-by over the waitlist. Keys with no signup left are omitted.
 */
export async function countWaitlist(shopId: string): Promise<WaitlistCountRow[]> {
  return prisma.$queryRaw<WaitlistCountRow[]>`
    SELECT "variantId", status, channel, "postscriptSync", sum(n)::int AS count FROM "WaitlistCount"
     WHERE "shopId" = ${shopId}
     GROUP BY "variantId", status, channel, "postscriptSync" HAVING sum(n) <> 0`;
}
