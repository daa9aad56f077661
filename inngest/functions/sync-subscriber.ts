import { RetryAfterError } from "inngest";
import { inngest } from "@/inngest/client";
import { EVENTS } from "@/inngest/events";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { retryPendingSubscriberSyncs } from "@/lib/storefront/retry-pending-subscriber-syncs";
import { syncSubscriber } from "@/lib/storefront/sync-subscriber";

// Postscript documents no Retry-After; when it sends none, a rate-limited sync waits this long.
const RATE_LIMITED_RETRY_MS = 5_000;

/**
 * Creates or updates a waitlist signup's Postscript subscriber (lib/storefront/sync-subscriber). Thin by design:
 * the in-process demo fallback calls the same function. syncSubscriber records every outcome on the entry and
 * throws only for a passing failure, which Inngest retries with backoff (a 429 after Postscript's Retry-After or
 * 5 s); the retries end where syncSubscriber marks the entry FAILED. One run per entry at a time.
 */
export const syncSubscriberFn = inngest.createFunction(
  {
    id: "sync-subscriber",
    triggers: [{ event: EVENTS.subscriberSyncRequested.name }],
    // 1 + 9 retries = MAX_SUBSCRIBER_SYNC_ATTEMPTS, after which syncSubscriber marks the entry FAILED.
    retries: 9,
    concurrency: { key: "event.data.waitlistEntryId", limit: 1 },
  },
  async ({ event, step }) => {
    const { waitlistEntryId } = EVENTS.subscriberSyncRequested.data.parse(event.data);
    return step.run("sync-subscriber", async () => {
      try {
        return await syncSubscriber(waitlistEntryId);
      } catch (error) {
        if (error instanceof PostscriptError && error.kind === "rate_limited") {
          throw new RetryAfterError(error.message, error.retryAfterMs ?? RATE_LIMITED_RETRY_MS, { cause: error });
        }
        throw error;
      }
    });
  },
);

/**
 * Every 5 minutes: re-runs the Postscript syncs still PENDING (an event lost on its way to Inngest, retries
 * exhausted during a long outage). Entries touched in the last 2 minutes are left to their own run.
 */
export const retrySubscriberSyncsFn = inngest.createFunction(
  {
    id: "retry-subscriber-syncs",
    triggers: [{ cron: "*/5 * * * *" }],
    retries: 2,
    concurrency: 1,
  },
  async ({ step }) => step.run("retry-pending-syncs", () => retryPendingSubscriberSyncs()),
);
