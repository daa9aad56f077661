import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { nextQueueWake } from "@/lib/deliveries/next-queue-wake";
import { defineJob } from "@/lib/jobs/define-job";
import { jobEvent } from "@/lib/jobs/job-events";
import { deliverStepOptions } from "./deliver-step-options";

/** Inngest allows 1,000 steps per run; past this the run wakes a new one (hours of sending). */
export const MAX_QUEUE_STEPS = 500;

/**
 * The one drainer of a shop's delivery queue: sends its due deliveries (restock alerts, preorder confirmations,
 * reminders, retries after a backoff, alerts left after a pause) in steps of at most 45 s (`deliver-1`, …) until
 * nothing is due soon or sending is paused; then, in one step, schedules its own next wake-up (nextQueueWake:
 * the next reminder or retry, so no schedule has to poll for them) and tells the reports rollup what changed.
 * One run per shop at a time; a wake-up while one waits to run is that run. Every step is safe to retry: the
 * ledger and row claims make a repeated step send nothing twice.
 */
export const deliverShopQueue = defineJob({
  id: "deliver-shop-queue",
  name: "Deliveries: send a shop's due events",
  trigger: { event: "deliveriesQueued" },
  retries: 10,
  concurrency: { key: "shopId", skipWhileQueued: true },
  // One run per shop with due deliveries: a process serving many shops at once runs all their drainers side by
  // side (each mostly waits for its own key's slots), so no shop waits for another's restock to finish.
  localRunsPerProcess: 100,
  // Drainers run for minutes: split between processes rather than to whichever polls first after a busy restock.
  spreadAcrossProcesses: true,
  run: async ({ data: { shopId }, step }) => {
    const result = await drainShopDeliveries(
      shopId,
      deliverStepOptions,
      (id, pass) => step.run(id, pass),
      MAX_QUEUE_STEPS,
    );
    const changed = result.sent + result.unconfirmed + result.retrying + result.failed + result.skipped > 0;
    const wakeAt = nextQueueWake(result, changed, Date.now());
    await step.sendEvent("schedule-wake", [
      ...(wakeAt ? [jobEvent("deliveriesWakeScheduled", { shopId }, { at: wakeAt })] : []),
      ...(changed ? [jobEvent("reportsChanged", {})] : []),
    ]);
    return { shopId, ...result, wakeAt: wakeAt?.toISOString() ?? null };
  },
});
