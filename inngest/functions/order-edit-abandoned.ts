import { defineJob } from "@/lib/jobs/define-job";
import { checkAbandonedEdit, findAbandonCheckAt } from "@/lib/order-editing/check-abandoned-edit";

/**
 * After "Order Editing Started": sleeps until the session's check time (the shop's delay, never past the
 * deadline), then sends "Order Editing Abandoned" if the edit is still unsaved. A save before then makes the
 * check find the session SAVED and send nothing; the database, not an awaited event, decides.
 */
export const orderEditAbandoned = defineJob({
  id: "order-edit-abandoned",
  name: "Order editing: abandoned-edit check",
  trigger: { event: "orderEditStarted" },
  idempotencyKey: "orderEditId",
  retries: 5,
  run: async ({ data: { orderEditId }, step }) => {
    const checkAt = await step.run("find-check-time", () => findAbandonCheckAt(orderEditId));
    if (!checkAt) return { outcome: "not_open" as const };
    await step.sleepUntil("wait-for-abandon-delay", checkAt);
    const outcome = await step.run("check-abandoned-edit", () => checkAbandonedEdit(orderEditId));
    return { outcome };
  },
});
