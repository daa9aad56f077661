import { findShopsWithDueDeliveries } from "@/lib/deliveries/sweep-due-deliveries";
import { defineCronJob } from "@/lib/jobs/define-job";
import { jobEvent } from "@/lib/jobs/job-events";
import { hasOrderEditingDue, sweepOrderEditing } from "@/lib/order-editing/sweep-order-editing";
import { planStalledRestocks } from "@/lib/restock/plan-stalled-restocks";
import { findWebhooksToRetry, sweepUnprocessedWebhooks } from "@/lib/shopify/sweep-unprocessed-webhooks";
import {
  hasSubscriberSyncsToRetry,
  retryPendingSubscriberSyncs,
} from "@/lib/storefront/retry-pending-subscriber-syncs";

/**
 * Every 5 minutes, the safety net behind the event-driven jobs, for what a lost hand-off or a crashed process left:
 * - restocks whose fan-out never started are planned, and the drainer of every shop with due deliveries that nothing
 *   woke is woken (a wake-up skipped while an idle drainer run ended, claims left by a crash). Reminders and
 *   retries do not wait for it: a drain schedules its own wake-up at the next due row (deliver-shop-queue). It
 *   never sends itself: each shop's queue has one drainer;
 * - stored Shopify webhooks neither processed nor failed for good are processed;
 * - Postscript subscriber syncs still PENDING are re-run (an event lost on its way, retries exhausted in an outage);
 * - order editing's abandoned checks and deadline nudges whose own job never got scheduled are run.
 * One run, not one per net, and one step to find the work: Inngest bills every run and step, and on an idle day
 * every net finds nothing (288 runs and 288 steps a day for the four). A net with work gets its own step, side by
 * side with the others', so a slow one (syncs through an outage) holds up none of them. Each net is idempotent
 * beside the jobs it backs, so a retry or an overlap never sends anything twice.
 */
export const safetyNetSweep = defineCronJob({
  id: "safety-net-sweep",
  name: "Safety net: what lost hand-offs left",
  trigger: { cron: "*/5 * * * *" },
  retries: 3,
  run: async ({ step }) => {
    const work = await step.run("find-work", async () => {
      const [wake, webhooks, syncs, orderEditing] = await Promise.all([
        // Planning first: a stalled restock's shop then has due rows to be woken for.
        planStalledRestocks().then(async (planned) => [
          ...new Set([...planned, ...(await findShopsWithDueDeliveries())]),
        ]),
        findWebhooksToRetry(new Date(), 1).then((due) => due.length > 0),
        hasSubscriberSyncsToRetry(),
        hasOrderEditingDue(),
      ]);
      return { wake, webhooks, syncs, orderEditing };
    });
    const [webhooks, syncs, orderEditing] = await Promise.all([
      work.webhooks ? step.run("sweep-unprocessed-webhooks", () => sweepUnprocessedWebhooks()) : null,
      work.syncs ? step.run("retry-pending-syncs", () => retryPendingSubscriberSyncs()) : null,
      work.orderEditing ? step.run("sweep-order-editing", () => sweepOrderEditing()) : null,
      work.wake.length > 0
        ? step.sendEvent(
            "queue-due-shops",
            work.wake.map((shopId) => jobEvent("deliveriesQueued", { shopId })),
          )
        : null,
    ]);
    return { shops: work.wake.length, webhooks, syncs, orderEditing };
  },
});
