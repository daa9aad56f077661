import { defineJob } from "@/lib/jobs/define-job";
import { RetryAfterJobError } from "@/lib/jobs/job-errors";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { syncSubscriber } from "@/lib/storefront/sync-subscriber";

// Postscript documents no Retry-After; when it sends none, a rate-limited sync waits this long.
const RATE_LIMITED_RETRY_MS = 5_000;

/**
 * Creates or updates a waitlist signup's Postscript subscriber (lib/storefront/sync-subscriber). syncSubscriber
 * records every outcome on the entry and throws only for a passing failure, which the runner retries with backoff
 * (a 429 after Postscript's Retry-After or 5 s); the retries end where syncSubscriber marks the entry FAILED. One
 * run per entry at a time. Alerts to the entry wait for this sync, so its retries are prompt, never a sweep's.
 */
export const syncSubscriberJob = defineJob({
  id: "sync-subscriber",
  trigger: { event: "subscriberSyncRequested" },
  // 1 + 9 retries = MAX_SUBSCRIBER_SYNC_ATTEMPTS, after which syncSubscriber marks the entry FAILED.
  retries: 9,
  concurrency: { key: "waitlistEntryId" },
  run: async ({ data: { waitlistEntryId } }) => {
    try {
      return await syncSubscriber(waitlistEntryId);
    } catch (error) {
      if (error instanceof PostscriptError && error.kind === "rate_limited") {
        throw new RetryAfterJobError(error.message, error.retryAfterMs ?? RATE_LIMITED_RETRY_MS, { cause: error });
      }
      throw error;
    }
  },
});
