import { checkKeys, emptyKeyCheckSummary, type KeyCheckSummary } from "@/lib/key-health/check-keys";
import { findKeysToCheck } from "@/lib/key-health/find-keys-to-check";
import type { KeyProvider } from "@/lib/key-health/key-provider";
import { defineCronJob } from "@/lib/jobs/define-job";
import { jobEvent } from "@/lib/jobs/job-events";
import { retryPendingSubscriberSyncs } from "@/lib/storefront/retry-pending-subscriber-syncs";

/** Shops per step: each is one light API call, so a step stays short and a retried step repeats little. */
export const KEYS_PER_STEP = 50;
/** A key the merchant (or a fan-out) verified within this window is not asked again in today's run. */
const RECENTLY_CHECKED_MS = 12 * 60 * 60_000;

/**
 * Every day at 06:00 UTC: re-verifies every saved Postscript, Klaviyo and Twilio key. A key now refused flips the banner
 * to "could not be verified" and pauses sending (deliveries stay PENDING, nothing is lost); a key that works
 * again re-adds signups whose Postscript sync failed meanwhile and wakes the shop's sender.
 */
export const verifyKeysDaily = defineCronJob({
  id: "verify-keys-daily",
  name: "Keys: re-verify daily",
  trigger: { cron: "TZ=UTC 0 6 * * *" },
  retries: 3,
  run: async ({ step }) => {
    const totals: Record<KeyProvider, KeyCheckSummary> = {
      POSTSCRIPT: emptyKeyCheckSummary(),
      KLAVIYO: emptyKeyCheckSummary(),
      TWILIO: emptyKeyCheckSummary(),
    };
    for (const provider of ["POSTSCRIPT", "KLAVIYO", "TWILIO"] as const) {
      const slug = provider.toLowerCase();
      const shopIds = await step.run(`find-${slug}-keys`, async () =>
        findKeysToCheck(provider, new Date(Date.now() - RECENTLY_CHECKED_MS)),
      );
      const total = totals[provider];
      for (let i = 0; i * KEYS_PER_STEP < shopIds.length; i++) {
        const batch = shopIds.slice(i * KEYS_PER_STEP, (i + 1) * KEYS_PER_STEP);
        const summary = await step.run(`verify-${slug}-batch-${i + 1}`, () => checkKeys(provider, batch, "daily"));
        total.checked += summary.checked;
        total.verified += summary.verified;
        total.invalid += summary.invalid;
        total.unreachable += summary.unreachable;
        total.skipped += summary.skipped;
        total.restoredShopIds.push(...summary.restoredShopIds);
        total.stoppedShopIds.push(...summary.stoppedShopIds);
      }
    }
    const postscriptRestored = totals.POSTSCRIPT.restoredShopIds;
    if (postscriptRestored.length > 0) {
      await step.run("retry-restored-syncs", async () => {
        for (const shopId of postscriptRestored)
          await retryPendingSubscriberSyncs(shopId, { includeFailed: true, minAgeMs: 0 });
      });
    }
    const wake = [
      ...new Set([...postscriptRestored, ...totals.KLAVIYO.restoredShopIds, ...totals.TWILIO.restoredShopIds]),
    ];
    await step.sendEvent(
      "wake-restored-shops",
      wake.map((shopId) => jobEvent("deliveriesQueued", { shopId })),
    );
    return totals;
  },
});
