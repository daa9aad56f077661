import { defineCronJob } from "@/lib/jobs/define-job";
import { jobEvent } from "@/lib/jobs/job-events";
import { findShopsWithDueDeliveries } from "@/lib/deliveries/sweep-due-deliveries";
import { planStalledRestocks } from "@/lib/restock/plan-stalled-restocks";

/**
 * Every minute: plans restocks whose fan-out never started, then wakes the per-shop drainer for every shop with
 * due deliveries — reminders coming due, retries after a backoff, alerts held while a key was being fixed,
 * claims left by a crashed process. It never sends itself: each shop's queue has one drainer.
 */
export const deliverDueSweep = defineCronJob({
  id: "deliver-due-sweep",
  name: "Deliveries: sweep due events",
  trigger: { cron: "* * * * *" },
  retries: 3,
  run: async ({ step }) => {
    // One step, not one per check: Inngest bills per step, and most minutes find nothing (an idle day: 1,440 steps).
    // Retrying it is safe: planning a restock twice adds nothing.
    const wake = await step.run("find-due-shops", async () => [
      ...new Set([...(await planStalledRestocks()), ...(await findShopsWithDueDeliveries())]),
    ]);
    await step.sendEvent(
      "queue-due-shops",
      wake.map((shopId) => jobEvent("deliveriesQueued", { shopId })),
    );
    return { shops: wake.length };
  },
});
