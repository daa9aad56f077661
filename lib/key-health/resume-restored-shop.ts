import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { retryPendingSubscriberSyncs } from "@/lib/storefront/retry-pending-subscriber-syncs";

/**
 * In-process (the demo's sweeper, scripts): once a shop's key works again, signups whose Postscript sync failed
 * for that reason are added again and its held deliveries are sent. The Inngest path sends the shop's
 * deliveries/queue.filled event instead.
 */
export async function resumeRestoredShop(shopId: string): Promise<void> {
  await retryPendingSubscriberSyncs(shopId, { includeFailed: true, minAgeMs: 0 });
  await drainShopDeliveries(shopId);
}
