import { defineJob } from "@/lib/jobs/define-job";
import { findDeadlineNudgeAt, sendDeadlineNudge } from "@/lib/order-editing/send-deadline-nudge";

/**
 * For a new order in a shop with the deadline nudge on: sleeps until the nudge time (deadline minus the shop's
 * lead), then sends "Order Editing Deadline Approaching" unless the customer edited, the order closed or the
 * merchant turned the nudge off in the meantime.
 */
export const orderDeadlineNudge = defineJob({
  id: "order-deadline-nudge",
  name: "Order editing: deadline nudge",
  trigger: { event: "orderReceived" },
  idempotencyKey: "orderId",
  retries: 5,
  run: async ({ data: { orderId }, step }) => {
    const nudgeAt = await step.run("find-nudge-time", () => findDeadlineNudgeAt(orderId));
    if (!nudgeAt) return { outcome: "no_nudge" as const };
    await step.sleepUntil("wait-until-nudge-time", nudgeAt);
    const outcome = await step.run("send-deadline-nudge", () => sendDeadlineNudge(orderId));
    return { outcome };
  },
});
