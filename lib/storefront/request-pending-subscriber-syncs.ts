import { prisma } from "@/lib/db/prisma";
import { jobEvent } from "@/lib/jobs/job-events";
import { sendJobEvents } from "@/lib/jobs/send-job-event";

/**
 * Hands a shop's PENDING Postscript subscriber syncs (oldest first, at most `limit`) to their job again, for when
 * Postscript answers after an outage: syncs that failed during it would otherwise wait out their retry backoff (up
 * to a minute each), and the alerts held for them with them. A sync already done by then finds nothing to do.
 */
export async function requestPendingSubscriberSyncs(shopId: string, limit = 1_000): Promise<number> {
  const entries = await prisma.waitlistEntry.findMany({
    where: { shopId, postscriptSync: "PENDING", phone: { not: null } },
    orderBy: { updatedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  await sendJobEvents(entries.map((entry) => jobEvent("subscriberSyncRequested", { waitlistEntryId: entry.id })));
  return entries.length;
}
