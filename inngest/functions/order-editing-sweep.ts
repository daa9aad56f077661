import { defineCronJob } from "@/lib/jobs/define-job";
import { sweepOrderEditing } from "@/lib/order-editing/sweep-order-editing";

/**
 * Every 5 minutes: the safety net for abandoned checks and deadline nudges whose own job never got scheduled (a
 * failed hand-off). Idempotent beside them: each event is recorded once in the ledger.
 */
export const orderEditingSweep = defineCronJob({
  id: "order-editing-sweep",
  name: "Order editing: sweep due checks and nudges",
  trigger: { cron: "*/5 * * * *" },
  retries: 3,
  run: async ({ step }) => step.run("sweep-order-editing", () => sweepOrderEditing()),
});
