import { defineCronJob } from "@/lib/jobs/define-job";
import { jobEvent } from "@/lib/jobs/job-events";
import { findShopsWithDueDeliveries } from "@/lib/deliveries/sweep-due-deliveries";
import { planStalledRestocks } from "@/lib/restock/plan-stalled-restocks";

/**
 * Every 5 minutes, a safety net: plans restocks whose fan-out never started, then wakes the per-shop drainer for
 * every shop with due deliveries that nothing woke — a wake-up lost with a crashed process or skipped while the
 * drainer was ending, claims left by a crash. Reminders and retries do not wait for it: the drainer schedules its
 * own wake-up at the next due row (deliver-shop-queue). Five minutes, not fifteen like the reports' net: on Inngest a
 * wake-up that arrives while an idle drainer run ends (one that sent nothing, so schedules no follow-up) is skipped,
 * and the rows it was for wait for this sweep. It never sends itself: each shop's queue has one drainer.
 */
export const deliverDueSweep = defineCronJob({
  id: "deliver-due-sweep",
  name: "Deliveries: sweep due events",
  trigger: { cron: "*/5 * * * *" },
  retries: 3,
  run: async ({ step }) => {
    // One step, not one per check: Inngest bills per step, and most sweeps find nothing (an idle day: 288 steps).
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
