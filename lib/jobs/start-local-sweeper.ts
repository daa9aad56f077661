import { sweepDueDeliveries } from "@/lib/deliveries/sweep-due-deliveries";
import { verifyKeysDue } from "@/lib/key-health/verify-keys-due";
import { sweepOrderEditing } from "@/lib/order-editing/sweep-order-editing";
import { findTokensToRefresh, refreshExpiringTokens } from "@/lib/shopify/refresh-expiring-tokens";
import { sweepUnprocessedWebhooks } from "@/lib/shopify/sweep-unprocessed-webhooks";
import { retryPendingSubscriberSyncs } from "@/lib/storefront/retry-pending-subscriber-syncs";
import { devServerReachable } from "./dispatch";

const INTERVAL_MS = 60_000;

/**
 * In dev mode without an Inngest dev server (the demo), nothing runs the cron functions, so this process does
 * their work once a minute: abandoned-edit checks and deadline nudges that fell due, retries after a backoff,
 * reminders that fell due, stalled restocks, pending Postscript subscriber syncs, Shopify webhooks to retry,
 * Shopify tokens nearing expiry. With a dev server (or in production) Inngest's crons do it instead.
 */
export function startLocalSweeper(): void {
  let running = false;
  const tick = async () => {
    if (running || (await devServerReachable())) return;
    running = true;
    try {
      await sweepOrderEditing();
      await sweepDueDeliveries();
      await retryPendingSubscriberSyncs();
      await sweepUnprocessedWebhooks();
      // The daily Postscript and Klaviyo key check: each key once its last check is a day old.
      await verifyKeysDue();
      await refreshExpiringTokens(await findTokensToRefresh());
    } catch (error) {
      console.error("[jobs] local sweep failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  setInterval(() => void tick(), INTERVAL_MS).unref();
}
