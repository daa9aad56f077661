import { inngest } from "@/inngest/client";
import { sweepOrderEditing } from "@/lib/order-editing/sweep-order-editing";

/**
 * Every 5 minutes: the safety net for abandoned checks and deadline nudges whose own function never got
 * scheduled (a failed hand-off to Inngest). Idempotent beside them: each event is recorded once in the ledger.
 */
export const orderEditingSweep = inngest.createFunction(
  {
    id: "order-editing-sweep",
    name: "Order editing: sweep due checks and nudges",
    triggers: [{ cron: "*/5 * * * *" }],
    retries: 3,
    concurrency: 1,
  },
  async ({ step }) => step.run("sweep-order-editing", () => sweepOrderEditing()),
);
