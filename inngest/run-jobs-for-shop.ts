import { LocalJobRunner } from "@/lib/jobs/local-runner";
import { jobs } from "./index";

/**
 * For tests and scripts: runs, with the local runner, every job of one shop that is due now (and what those
 * start) until none is left; other shops' rows in the same table are left alone.
 */
export async function runJobsForShop(shopId: string, timeoutMs = 60_000): Promise<void> {
  await new LocalJobRunner({ jobs, scope: { shopId } }).runUntilIdle(timeoutMs);
}
