import { after } from "next/server";

/**
 * Runs `work` after the response is sent (or on the next turn outside a request); a failure is logged, never
 * thrown. For work whose loss costs nothing (a cache) or that a sweep repairs (a stored webhook's hand-off to the
 * queue), not for work that must happen and nothing else would find: that is a job.
 */
export function runAfterResponse(work: () => Promise<unknown>, label: string): void {
  const task = () =>
    work().catch((error: unknown) => {
      console.error(`[jobs] ${label} failed in-process:`, error instanceof Error ? error.message : error);
    });
  try {
    after(task);
  } catch {
    // Outside a request (scripts, tests) there is no `after`: run it on the next turn instead.
    setImmediate(() => void task());
  }
}
