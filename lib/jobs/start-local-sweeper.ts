import { sweepDueDeliveries } from "@/lib/deliveries/sweep-due-deliveries";
import { verifyKeysDue } from "@/lib/key-health/verify-keys-due";
import { sweepOrderEditing } from "@/lib/order-editing/sweep-order-editing";
import { rollUpReports } from "@/lib/reports/roll-up-reports";
import { findTokensToRefresh, refreshExpiringTokens } from "@/lib/shopify/refresh-expiring-tokens";
import { sweepUnprocessedWebhooks } from "@/lib/shopify/sweep-unprocessed-webhooks";
import { retryPendingSubscriberSyncs } from "@/lib/storefront/retry-pending-subscriber-syncs";
import { devServerReachable } from "./dispatch";

const INTERVAL_MS = 60_000;
// The first pass right after start: a process that died mid fan-out resumes its shops' queues within seconds of
// coming back, not at the next minute.
const FIRST_PASS_MS = 1_000;
// In-process syncs have no retries of their own: this sweep is their retry, so it does not wait the two minutes
// it leaves Inngest's own retries.
const SYNC_RETRY_AFTER_MS = 10_000;

/**
 * In dev mode without an Inngest dev server (the demo), nothing runs the cron functions, so this process does
 * their work once a minute: abandoned-edit checks and deadline nudges that fell due, retries after a backoff,
 * reminders that fell due, stalled restocks, pending Postscript subscriber syncs, Shopify webhooks to retry,
 * Shopify tokens nearing expiry, the reports' daily rollup; the first pass a second after start, so sending resumes promptly after a crash.
 * With a dev server (or in production) Inngest's crons do it instead.
 */
export function startLocalSweeper(): void {
  let running = false;
  const tick = async () => {
    if (running || (await devServerReachable())) return;
    running = true;
    try {
      await sweepOrderEditing();
      // Syncs first: alerts to their customers wait for them.
      await retryPendingSubscriberSyncs(undefined, { minAgeMs: SYNC_RETRY_AFTER_MS });
      await sweepDueDeliveries();
      await sweepUnprocessedWebhooks();
      // The daily Postscript and Klaviyo key check: each key once its last check is a day old.
      await verifyKeysDue();
      await refreshExpiringTokens(await findTokensToRefresh());
      // The reports' daily figures: only the days whose ledger rows changed since the last pass.
      await rollUpReports();
    } catch (error) {
      console.error("[jobs] local sweep failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void tick(), FIRST_PASS_MS).unref();
  setInterval(() => void tick(), INTERVAL_MS).unref();
}
