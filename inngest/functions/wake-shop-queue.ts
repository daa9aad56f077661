import { defineJob } from "@/lib/jobs/define-job";
import { jobEvent } from "@/lib/jobs/job-events";

/**
 * Wakes a shop's drainer at the time a drain scheduled (its event's `ts`: the next reminder or retry). A job of its
 * own rather than a delayed `deliveriesQueued`: on Inngest a run scheduled for later already counts as the shop's
 * one drainer, so it would turn away every wake-up until then.
 */
export const wakeShopQueue = defineJob({
  id: "wake-shop-queue",
  name: "Deliveries: wake a shop's sender when rows come due",
  trigger: { event: "deliveriesWakeScheduled" },
  retries: 5,
  run: async ({ data: { shopId }, step }) => {
    await step.sendEvent("wake-shop-queue", [jobEvent("deliveriesQueued", { shopId })]);
    return { shopId };
  },
});
