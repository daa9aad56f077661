import type { JobDefinition } from "./define-job";
import { jobBackend } from "./job-backend";
import { LocalJobRunner } from "./local-runner";

/**
 * Starts this process's local job runner: it works while Inngest is not the backend (jobBackend), so an Inngest
 * dev server that comes up later takes over and one that goes away hands back. Every app process may start one.
 */
export function startLocalJobRunner(jobs: JobDefinition[]): LocalJobRunner {
  const runner = new LocalJobRunner({ jobs, isActive: async () => (await jobBackend()) === "local" });
  runner.start();
  return runner;
}
