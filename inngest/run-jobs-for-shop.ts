import { onLocalJobsEnqueued } from "@/lib/jobs/local-job-table";
import { LocalJobRunner } from "@/lib/jobs/local-runner";
import { rollUpChangedReports } from "./functions/roll-up-changed-reports";
import { jobs } from "./index";

/**
 * For tests and scripts: runs, with the local runner, every due job whose data contains `scope` (and what those
 * start, when it matches too) until none is left; other rows in the same table are left alone.
 */
export async function runJobsMatching(scope: Record<string, string>, timeoutMs = 60_000): Promise<void> {
  await new LocalJobRunner({ jobs, scope }).runUntilIdle(timeoutMs);
}

/** runJobsMatching for one shop's jobs: restock fan-outs, its queue's drainer, order-editing checks. */
export async function runJobsForShop(shopId: string, timeoutMs = 60_000): Promise<void> {
  await runJobsMatching({ shopId }, timeoutMs);
}

/**
 * For test workers: runs this worker's jobs in the background, as the app process does (no crons, nor the reports
 * rollup a change asks for: those sweep every shop in the shared database). Rows carry the worker's
 * JOB_RUNNER_AFFINITY, so workers never run each other's jobs (each has its own Postscript sandbox).
 */
export function startTestJobRunner(): LocalJobRunner {
  const runner = new LocalJobRunner({
    jobs: jobs.filter((job) => job !== rollUpChangedReports),
    crons: false,
    expandStoredEvents: false,
    pollMs: 200,
  });
  // Started by the first job a test enqueues, not before: the test sets the environment (its sandbox's URL)
  // first, and the first database query fixes it.
  const unsubscribe = onLocalJobsEnqueued(() => {
    unsubscribe();
    runner.start();
  });
  return runner;
}
