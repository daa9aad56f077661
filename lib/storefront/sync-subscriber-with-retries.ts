import { DEFAULT_RETRY_POLICY, retryDelayMs } from "@/lib/deliveries/retry-policy";
import { sleep } from "@/lib/deliveries/send-slot-limiter";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { MAX_SUBSCRIBER_SYNC_ATTEMPTS, syncSubscriber, type SyncSubscriberResult } from "./sync-subscriber";

/**
 * syncSubscriber with the retries Inngest gives the sync function, for the in-process path (no Inngest): a
 * passing failure waits with the engine's backoff (or Postscript's Retry-After) and tries again, until
 * syncSubscriber records an outcome (it marks the entry FAILED after MAX_SUBSCRIBER_SYNC_ATTEMPTS). Without
 * this, an outage left in-process syncs to the minute sweep, and the alerts waiting for them with them.
 */
export async function syncSubscriberWithRetries(waitlistEntryId: string): Promise<SyncSubscriberResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await syncSubscriber(waitlistEntryId);
    } catch (error) {
      if (attempt >= MAX_SUBSCRIBER_SYNC_ATTEMPTS) throw error;
      const retryAfter = error instanceof PostscriptError ? error.retryAfterMs : undefined;
      await sleep(retryDelayMs(attempt, DEFAULT_RETRY_POLICY, retryAfter));
    }
  }
}
