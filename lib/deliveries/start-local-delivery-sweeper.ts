import { sweepDueDeliveries } from "./sweep-due-deliveries";

/**
 * For runs without Inngest (the demo with no dev server): does the cron sweeper's work in this process every
 * `intervalMs` — reminders coming due, retries after long backoffs, alerts held while a key was fixed, stalled
 * restocks. Passes never overlap. Returns a function that stops it.
 */
export function startLocalDeliverySweeper(intervalMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepDueDeliveries()
      .catch((error: unknown) => console.error("[deliveries] local sweep failed:", error instanceof Error ? error.message : error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
