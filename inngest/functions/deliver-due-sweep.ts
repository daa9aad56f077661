import { inngest } from "@/inngest/client";
import { EVENTS } from "@/inngest/events";
import { findShopsWithDueDeliveries, planStalledRestocks } from "@/lib/deliveries/sweep-due-deliveries";

/**
 * Every minute: plans restocks whose fan-out never started, then wakes the per-shop sender for every shop with
 * due deliveries — reminders coming due, retries after a backoff, alerts held while a key was being fixed,
 * claims left by a crashed process.
 */
export const deliverDueSweep = inngest.createFunction(
  {
    id: "deliver-due-sweep",
    name: "Deliveries: sweep due events",
    triggers: [{ cron: "* * * * *" }],
    retries: 3,
    concurrency: 1,
  },
  async ({ step }) => {
    const plannedShops = await step.run("plan-stalled-restocks", () => planStalledRestocks());
    const shopIds = await step.run("find-due-shops", () => findShopsWithDueDeliveries());
    const wake = [...new Set([...plannedShops, ...shopIds])];
    if (wake.length > 0) {
      await step.sendEvent(
        "queue-due-shops",
        wake.map((shopId) => ({ name: EVENTS.deliveriesQueued.name, data: { shopId } })),
      );
    }
    return { shops: wake.length };
  },
);
