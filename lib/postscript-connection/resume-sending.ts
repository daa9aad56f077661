import { after } from "next/server";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { retryPendingSubscriberSyncs } from "@/lib/storefront/retry-pending-subscriber-syncs";

/**
 * Once a merchant fixes the connection (a working key, re-enabled, a keyword chosen), what was held goes out:
 * deliveries paused without a working key, and waitlist signups whose Postscript sync failed for that reason.
 */
export async function resumeSending(shopId: string): Promise<void> {
  await sendJobEvent("deliveriesQueued", { shopId });
  after(async () => {
    await retryPendingSubscriberSyncs(shopId, { includeFailed: true, minAgeMs: 0 }).catch((error: unknown) => {
      console.error("[resume] subscriber sync retry failed:", error instanceof Error ? error.message : error);
    });
  });
}
