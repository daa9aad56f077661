import type { EventData, EventKey, JobEvent } from "./job-events";

/** What a job's handler may do; both runners implement it (lib/jobs/inngest-functions.ts, lib/jobs/local-runner.ts). */
export type JobStep = {
  /**
   * Runs `fn` once: a retried or resumed run gets the stored result instead of running it again. The result
   * travels as JSON (a Date comes back as its ISO string), so return plain data.
   */
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /** Pauses the run until `at` (persisted: a restart in between does not lose or shorten the wait). */
  sleepUntil(id: string, at: Date | string): Promise<void>;
  /** Sends events as a step of its own, so a retried run does not send them twice. */
  sendEvent(id: string, events: JobEvent[]): Promise<void>;
};

export type JobContext<TData> = { data: TData; step: JobStep };

type JobOptions<TData> = {
  /** Stable id: the Inngest function id and the local job name. */
  id: string;
  name?: string;
  /** Retries after the first attempt (per step on Inngest; per run, reset by each finished step, locally). */
  retries: number;
  /**
   * One run per value of this data field at a time. `skipWhileQueued`: a run already waiting for that key makes a
   * new one redundant (a wake-up of a queue whose drainer is about to run); Inngest drops it while one is running.
   */
  concurrency?: { key: keyof TData & string; skipWhileQueued?: boolean };
  /** Events with the same value of this data field start one run, however often they are sent. */
  idempotencyKey?: keyof TData & string;
  /**
   * The data field (whole seconds, −600 to 600) that moves a run ahead of this job's runs queued up to that long
   * before it (negative: delays it). Inngest's `priority.run`, within the function's queue; the local runner, which
   * claims every job's rows oldest first, dates the run's row that much earlier.
   */
  priority?: keyof TData & string;
  /**
   * Runs of this job side by side in one process of the local runner (default its slotsPerJob). Inngest runs as
   * many as the concurrency key allows across its workers.
   */
  localRunsPerProcess?: number;
  /**
   * Local runner: a process takes a new run of this job only while it runs no more than its share of the job's
   * runs over the live processes, so long runs (a shop's drainer) split between processes instead of going to
   * whichever polls first; a run left waiting past a short grace goes to any process. Inngest spreads runs itself.
   */
  spreadAcrossProcesses?: boolean;
  /** Called once when the run has failed for good (retries used up, or a NonRetriableJobError). */
  onFailure?: (args: { data: TData; error: Error }) => Promise<void>;
  /**
   * The work. A job that is one unit of work does it without a step: Inngest bills a run as one execution and each
   * step as one more, so a single step only doubles the cost (a retry runs the whole handler either way).
   */
  run: (ctx: JobContext<TData>) => Promise<unknown>;
};

/**
 * A run starts `periodMs` after the last of a burst of events (with the same value of `key`, if given), and at most
 * `timeoutMs` after the burst's first event, with the last event's data. An event that comes while that run is
 * already running starts a new burst.
 */
export type JobDebounce<TData> = { periodMs: number; timeoutMs: number; key?: keyof TData & string };

export type EventJobDefinition<K extends EventKey = EventKey> = JobOptions<EventData<K>> & {
  trigger: { event: K };
  debounce?: JobDebounce<EventData<K>>;
};
/** Cron expression: five fields, minutes granularity, optionally prefixed `TZ=UTC ` (the only zone used). */
export type CronJobDefinition = JobOptions<Record<string, never>> & { trigger: { cron: string } };

/** A background job as written once for both runners. */
export type JobDefinition = EventJobDefinition<EventKey> | CronJobDefinition;

/** Defines a job started by an event. */
export function defineJob<K extends EventKey>(definition: EventJobDefinition<K>): JobDefinition {
  return definition as unknown as JobDefinition;
}

/** Defines a job started by a schedule. */
export function defineCronJob(definition: CronJobDefinition): JobDefinition {
  return definition;
}
