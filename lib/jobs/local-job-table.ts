import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobDefinition } from "./define-job";
import { EVENTS, type JobEvent } from "./job-events";

/** The job name of a sent event no runner has handed to its jobs yet. */
export const EVENT_ROW_PREFIX = "event:";

type Registry = { jobs: JobDefinition[]; wakers: Set<() => void>; load?: () => Promise<unknown> };
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

/**
 * For a process whose jobs are costly to load and often unused (a test worker: about 2 s of imports per test
 * file): `load` registers them (by making a runner) the first time this process sends an event, not before. Jobs
 * registered in between (a runner a test made itself) stay registered, as when `load` had run first.
 */
export function registerLocalJobsOnFirstUse(load: () => Promise<unknown>): void {
  let loading: Promise<unknown> | undefined;
  registry().load = () =>
    (loading ??= (async () => {
      const registered = registry().jobs;
      await load();
      if (registered.length > 0) registry().jobs = registered;
    })());
}

/** Loads the jobs registerLocalJobsOnFirstUse defers, now: for a caller whose timing starts at its first send. */
export async function loadDeferredLocalJobs(): Promise<void> {
  await registry().load?.();
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

/** The key of a debounced job's waiting run: later events of the burst move it instead of adding rows. */
const debounceKey = (keyValue: string) => `debounce:${jobAffinity() ?? ""}:${keyValue}`;

/** A job row to insert; a debounced one carries its job's debounce (see insertJobRows). */
export type LocalJobRow = Prisma.JobCreateManyInput & { debounce?: { periodMs: number; timeoutMs: number } };

/** The job rows an event starts: one per job it triggers, with that job's concurrency and idempotency keys. */
export function jobRowsFor(event: JobEvent, jobs: JobDefinition[]): LocalJobRow[] {
  const delayed = event.ts !== undefined && event.ts > Date.now();
  return jobs.flatMap((job): LocalJobRow[] => {
    if (!("event" in job.trigger)) return [];
    if (EVENTS[job.trigger.event].name !== event.name) return [];
    const field = (name: string | undefined) => (name === undefined ? undefined : String(event.data[name]));
    const concurrencyKey = field(job.concurrency?.key);
    const base = { name: job.id, data: event.data as Prisma.InputJsonValue, concurrencyKey, affinity: jobAffinity() };
    if ("debounce" in job && job.debounce) {
      return [
        {
          ...base,
          idempotencyKey: debounceKey(field(job.debounce.key) ?? ""),
          debounce: { periodMs: job.debounce.periodMs, timeoutMs: job.debounce.timeoutMs },
        },
      ];
    }
    // A run waiting for later does not stand for a wake-up now: only one waiting to run now makes it redundant.
    const idempotencyKey =
      field(job.idempotencyKey) ??
      (job.concurrency?.skipWhileQueued && concurrencyKey && !delayed ? queuedKey(concurrencyKey) : undefined);
    // Runs are claimed oldest runAt first, so a priority of N seconds is a row dated N seconds earlier (as Inngest).
    const priorityMs = job.priority ? Number(event.data[job.priority] ?? 0) * 1000 : 0;
    const runAt =
      delayed || priorityMs !== 0 ? { runAt: new Date((delayed ? event.ts! : Date.now()) - priorityMs) } : {};
    return [{ ...base, idempotencyKey, ...runAt }];
  });
}

/**
 * Inserts job rows, skipping those that would repeat an idempotent run or queue a second waiting drainer. A
 * debounced row joins its burst's waiting row instead: that row takes the newest data and runs `periodMs` from
 * now, but no later than its timeout after the burst's first event.
 */
export async function insertJobRows(rows: LocalJobRow[], db: Prisma.TransactionClient = prisma): Promise<void> {
  const plain = rows.filter((row) => !row.debounce);
  if (plain.length > 0) await db.job.createMany({ data: plain, skipDuplicates: true });
  for (const { debounce, ...row } of rows) {
    if (!debounce) continue;
    // Times from the database's clock, in UTC as Prisma stores them (the runner compares runAt with it too).
    await db.$executeRaw`
      INSERT INTO "Job" (id, name, data, "runAt", "concurrencyKey", "idempotencyKey", affinity, "createdAt", "updatedAt")
      VALUES (gen_random_uuid()::text, ${row.name}, ${JSON.stringify(row.data)}::jsonb,
              (now() AT TIME ZONE 'UTC') + ${debounce.periodMs}::int * interval '1 millisecond',
              ${row.concurrencyKey ?? null}, ${row.idempotencyKey}, ${row.affinity ?? null},
              now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
      ON CONFLICT (name, "idempotencyKey") DO UPDATE
         SET data = EXCLUDED.data, "updatedAt" = EXCLUDED."updatedAt",
             "runAt" = LEAST(EXCLUDED."runAt", "Job"."createdAt" + ${debounce.timeoutMs}::int * interval '1 millisecond')
       WHERE "Job".status = 'PENDING'`;
  }
}

/**
 * Stores sent events for the local runner: as job rows of the jobs registered in this process, or (a process
 * without a runner, such as a script) as event rows any runner turns into job rows, due at the events' `ts`.
 * Rows that would repeat an idempotent run, or queue a second waiting drainer, are skipped.
 */
export async function enqueueLocalEvents(events: JobEvent[]): Promise<void> {
  await loadDeferredLocalJobs();
  const { jobs, wakers } = registry();
  const rows: LocalJobRow[] =
    jobs.length > 0
      ? events.flatMap((event) => jobRowsFor(event, jobs))
      : events.map((event) => ({
          name: `${EVENT_ROW_PREFIX}${event.name}`,
          data: event.data as Prisma.InputJsonValue,
          affinity: jobAffinity(),
          ...(event.ts !== undefined ? { runAt: new Date(event.ts) } : {}),
        }));
  await insertJobRows(rows);
  for (const wake of wakers) wake();
}
