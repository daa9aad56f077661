import { inngest } from "@/inngest/client";
import { EVENTS } from "@/inngest/events";
import { deliverDue } from "@/lib/deliveries/deliver-due";
import { verifyBeforeFanOut } from "@/lib/key-health/verify-before-fan-out";
import { planRestock } from "@/lib/restock/plan-restock";
import { deliverStepOptions } from "./deliver-step-options";

/** Inngest allows 1,000 steps per run; past this the per-minute sweeper carries on (hours of sending). */
export const MAX_DELIVER_STEPS = 500;

/**
 * A restock: plan its alerts (idempotent); for a large one, re-verify the Postscript key first (a revoked key
 * pauses the send up front, every alert kept PENDING); then send the shop's due deliveries in steps of at most
 * 45 s (`deliver-1`, `deliver-2`, …) until nothing is due soon or sending is paused. Every step is safe to
 * retry: the ledger and row claims make a repeated step send nothing twice.
 */
export const restockFanOut = inngest.createFunction(
  {
    id: "restock-fan-out",
    name: "Restock: alert the waitlist",
    triggers: [{ event: EVENTS.restockDetected.name }],
    retries: 10,
    // The same restock dispatched twice (a retried hand-off) runs once.
    idempotency: "event.data.restockId",
    // Two restocks of one shop may plan and send side by side; the key's rate limiter keeps their joint pace.
    concurrency: [{ key: "event.data.shopId", limit: 2 }],
  },
  async ({ event, step }) => {
    const { restockId } = EVENTS.restockDetected.data.parse(event.data);
    const plan = await step.run("plan-restock", () => planRestock(restockId));
    const keyCheck = await step.run("verify-key-before-fan-out", () => verifyBeforeFanOut(plan.shopId, plan.planned));
    const totals = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    for (let i = 1; i <= MAX_DELIVER_STEPS; i++) {
      const result = await step.run(`deliver-${i}`, () => deliverDue(plan.shopId, deliverStepOptions));
      totals.sent += result.sent;
      totals.retrying += result.retrying;
      totals.failed += result.failed;
      totals.skipped += result.skipped;
      if (result.paused || result.remaining === 0) {
        return { restockId, planned: plan.planned, keyCheck, steps: i, ...totals, remaining: result.remaining, paused: result.paused };
      }
    }
    return { restockId, planned: plan.planned, keyCheck, steps: MAX_DELIVER_STEPS, ...totals, remaining: null, paused: null };
  },
);
