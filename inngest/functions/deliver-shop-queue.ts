import { inngest } from "@/inngest/client";
import { EVENTS } from "@/inngest/events";
import { deliverDue } from "@/lib/deliveries/deliver-due";
import { deliverStepOptions } from "./deliver-step-options";

export const MAX_QUEUE_STEPS = 500;

/**
 * Sends one shop's due deliveries (preorder confirmations, reminders, retries after a backoff, alerts left
 * after a pause) in steps of at most 45 s until nothing is due soon. One run per shop at a time: a wake-up
 * while one is running is dropped, since the running one drains the same queue (and the sweeper wakes it again
 * a minute later if anything is left).
 */
export const deliverShopQueue = inngest.createFunction(
  {
    id: "deliver-shop-queue",
    name: "Deliveries: send a shop's due events",
    triggers: [{ event: EVENTS.deliveriesQueued.name }],
    retries: 10,
    singleton: { key: "event.data.shopId", mode: "skip" },
  },
  async ({ event, step }) => {
    const { shopId } = EVENTS.deliveriesQueued.data.parse(event.data);
    const totals = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    for (let i = 1; i <= MAX_QUEUE_STEPS; i++) {
      const result = await step.run(`deliver-${i}`, () => deliverDue(shopId, deliverStepOptions));
      totals.sent += result.sent;
      totals.retrying += result.retrying;
      totals.failed += result.failed;
      totals.skipped += result.skipped;
      if (result.paused || result.remaining === 0) return { shopId, steps: i, ...totals, paused: result.paused };
    }
    return { shopId, steps: MAX_QUEUE_STEPS, ...totals, paused: null };
  },
);
