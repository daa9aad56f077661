import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobDefinition } from "./define-job";
import { EVENTS, type JobEvent } from "./job-events";

/** The job name of a sent event no runner has handed to its jobs yet. */
export const EVENT_ROW_PREFIX = "event:";

type Registry = { jobs: JobDefinition[]; wakers: Set<() => void> };
// Process-wide (not module-wide): Next loads instrumentation and route handlers as separate bundles.
const REGISTRY = Symbol.for("signalboard.local-jobs");
const registry = (): Registry => {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= { jobs: [], wakers: new Set() });
};

/** Tells this process which jobs exist, so a sent event becomes their job rows at once. */
export function registerLocalJobs(jobs: JobDefinition[]): void {
  registry().jobs = jobs;
}

/** Lets a runner of this process be woken when work is enqueued; returns the unsubscribe. */
export function onLocalJobsEnqueued(wake: () => void): () => void {
  registry().wakers.add(wake);
  return () => registry().wakers.delete(wake);
}

/** The affinity of rows this process enqueues: JOB_RUNNER_AFFINITY (each test worker's own), else none. */
export const jobAffinity = (): string | null => process.env.JOB_RUNNER_AFFINITY || null;

/** The key that keeps a second run of a skip-while-queued job from waiting beside one already waiting. */
export const queuedKey = (concurrencyKey: string) => `queued:${concurrencyKey}`;

/** The job rows an event starts: one per job it triggers, with that job's concurrency and idempotency keys. */
export function jobRowsFor(event: JobEvent, jobs: JobDefinition[]): Prisma.JobCreateManyInput[] {
  return jobs.flatMap((job) => {
    if (!("event" in job.trigger)) return [];
    if (EVENTS[job.trigger.event].name !== event.name) return [];
    const field = (name: string | undefined) => (name === undefined ? undefined : String(event.data[name]));
    const concurrencyKey = field(job.concurrency?.key);
    const idempotencyKey =
      field(job.idempotencyKey) ??
      (job.concurrency?.skipWhileQueued && concurrencyKey ? queuedKey(concurrencyKey) : undefined);
    return [
      {
        name: job.id,
        data: event.data as Prisma.InputJsonValue,
        concurrencyKey,
        idempotencyKey,
        affinity: jobAffinity(),
      },
    ];
  });
}

/**
 * Stores sent events for the local runner: as job rows of the jobs registered in this process, or (a process
 * without a runner, such as a script) as event rows any runner turns into job rows. Rows that would repeat an
 * idempotent run, or queue a second waiting drainer, are skipped.
 */
export async function enqueueLocalEvents(events: JobEvent[]): Promise<void> {
  const { jobs, wakers } = registry();
  const rows =
    jobs.length > 0
      ? events.flatMap((event) => jobRowsFor(event, jobs))
      : events.map((event) => ({
          name: `${EVENT_ROW_PREFIX}${event.name}`,
          data: event.data as Prisma.InputJsonValue,
          affinity: jobAffinity(),
        }));
  if (rows.length > 0) await prisma.job.createMany({ data: rows, skipDuplicates: true });
  for (const wake of wakers) wake();
}
