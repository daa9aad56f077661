import { verifyBeforeFanOut } from "@/lib/key-health/verify-before-fan-out";
import { defineJob } from "@/lib/jobs/define-job";
import { jobEvent } from "@/lib/jobs/job-events";
import { planRestock } from "@/lib/restock/plan-restock";

/**
 * A restock: plan its alerts (idempotent); for a large one, re-verify the Postscript key first (a revoked key
 * pauses the send up front, every alert kept PENDING); then wake the shop's drainer (deliver-shop-queue), which
 * sends them beside the shop's other due events in one budget.
 */
export const restockFanOut = defineJob({
  id: "restock-fan-out",
  name: "Restock: alert the waitlist",
  trigger: { event: "restockDetected" },
  retries: 10,
  // The same restock dispatched twice (a retried hand-off) runs once.
  idempotencyKey: "restockId",
  // A small restock's plan goes ahead of big ones queued before it: it takes a moment, and its customers' first
  // alert would otherwise wait behind plans of thousands (see restockPriority).
  priority: "priority",
  // A big plan holds a database connection for its whole INSERT … SELECT: eight side by side (the default) took
  // most of a process's pool during a holiday restock, and the job runner's claims and the small restocks behind
  // them waited seconds for a connection. Two at a time plan as fast on a busy database. Inngest runs its own.
  localRunsPerProcess: 2,
  run: async ({ data: { restockId }, step }) => {
    const plan = await step.run("plan-restock", () => planRestock(restockId));
    const keyCheck = await step.run("verify-key-before-fan-out", () => verifyBeforeFanOut(plan.shopId, plan.planned));
    await step.sendEvent("wake-shop-queue", [jobEvent("deliveriesQueued", { shopId: plan.shopId })]);
    return { restockId, planned: plan.planned, keyCheck };
  },
});
