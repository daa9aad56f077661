import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { cronFiresAt } from "./cron-schedule";
import type { JobDefinition, JobStep } from "./define-job";
import { NonRetriableJobError, RetryAfterJobError } from "./job-errors";
import { EVENTS } from "./job-events";
import {
  EVENT_ROW_PREFIX,
  enqueueLocalEvents,
  insertJobRows,
  jobAffinity,
  jobRowsFor,
  onLocalJobsEnqueued,
  registerLocalJobs,
} from "./local-job-table";

export type LocalRunnerOptions = {
  jobs: JobDefinition[];
  /** How often an idle runner looks for due jobs (a send in this process wakes it at once). Default 500 ms. */
  pollMs?: number;
  /**
   * A RUNNING job whose runner has not said it is alive for this long belongs to a dead process and is taken over.
   * The runner renews its lease every quarter of this. Default 8 s: a crash mid fan-out resumes within seconds.
   */
  leaseMs?: number;
  /**
   * Runs of one job side by side in this process (other processes add theirs), unless the job sets its own
   * `localRunsPerProcess`. Default 8: most runs wait on a rate budget, not the CPU.
   */
  slotsPerJob?: number;
  /** Runs of all jobs side by side in this process. Default 160: a run mostly waits (on a rate budget, a timer). */
  maxSlots?: number;
  /** Whether this runner should work now (false while Inngest runs the jobs). Default: always. */
  isActive?: () => Promise<boolean>;
  /** Also turn stored event rows (sent by processes without a runner) into job rows. Default true. */
  expandStoredEvents?: boolean;
  /** Only rows whose data contains these fields (tests run one shop's jobs beside other tests' rows). */
  scope?: Record<string, string>;
  /** Enqueue the cron jobs (at start and on schedule). Default true. */
  crons?: boolean;
};

type JobRow = { id: string; name: string; data: unknown; steps: unknown; attempts: number };
type StoredSteps = Record<string, { v: unknown }>;

const CRON_CHECK_MS = 10_000;
// A run of a spreadAcrossProcesses job that waited this long goes to any runner (the one whose share it is may be
// busy or slow to poll): spreading never makes a run wait much. 1.5 s was too short: with 20 restocks at once the
// other process's claims waited that long for a pool connection, and the drainers split 16 / 6.
const SPREAD_GRACE_MS = 5_000;
const KEEP_FINISHED_MS = 24 * 60 * 60_000;
const MAX_BACKOFF_MS = 60_000;

class SleepSignal {
  constructor(readonly until: Date) {}
}
class LeaseLost extends Error {}

/** Exponential from 1 s, capped at a minute, half of it random so jobs that failed together do not return together. */
function backoffMs(attempts: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs job definitions from the PostgreSQL `Job` table when Inngest is not configured: every app process may run
 * one, and they share the table (a due row is claimed with FOR UPDATE SKIP LOCKED; a unique index allows one
 * RUNNING row per job and concurrency key). A run re-executes its handler from the top, skipping finished steps
 * (their results are stored on the row); a failure is retried with backoff, a sleep is a future `runAt`, so both
 * survive a restart; a run whose process died is taken over once its lease runs out. Crons are enqueued once per
 * fire time by whichever runner sees it first, and once at start so a restart catches up at once.
 */
export class LocalJobRunner {
  readonly id = randomUUID();
  private readonly byId: Map<string, JobDefinition>;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly slotsPerJob: number;
  private readonly maxSlots: number;
  private readonly isActive: () => Promise<boolean>;
  private readonly expandStoredEvents: boolean;
  private readonly scope: Prisma.Sql;
  private readonly crons: boolean;
  private readonly affinity = jobAffinity();
  private readonly inFlight = new Map<Promise<void>, string>();
  private stopped = true;
  private loop: Promise<void> | undefined;
  private cronTimer: NodeJS.Timeout | undefined;
  private presenceTimer: NodeJS.Timeout | undefined;
  private wakeIdle: (() => void) | undefined;
  /** Work was enqueued since the last look for it: a wake-up that came while the runner was claiming. */
  private woken = false;
  private unsubscribe: (() => void) | undefined;

  constructor(options: LocalRunnerOptions) {
    this.byId = new Map(options.jobs.map((job) => [job.id, job]));
    this.pollMs = options.pollMs ?? 500;
    this.leaseMs = options.leaseMs ?? 8_000;
    this.slotsPerJob = options.slotsPerJob ?? 8;
    this.maxSlots = options.maxSlots ?? 160;
    this.isActive = options.isActive ?? (async () => true);
    this.expandStoredEvents = options.expandStoredEvents ?? true;
    this.scope = options.scope ? Prisma.sql`AND c.data @> ${JSON.stringify(options.scope)}::jsonb` : Prisma.empty;
    this.crons = options.crons ?? true;
    registerLocalJobs(options.jobs);
  }

  /** Starts polling (and the cron schedule) in the background. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onLocalJobsEnqueued(() => this.wake());
    const crons = (prefix: string) =>
      void this.isActive()
        .then((active) => (active ? this.enqueueCrons(new Date(), prefix) : undefined))
        .catch((error: unknown) => console.error("[jobs] cron schedule failed:", errorText(error)));
    if (this.crons) {
      crons("boot");
      this.cronTimer = setInterval(() => crons("cron"), CRON_CHECK_MS);
      this.cronTimer.unref();
    }
    const present = () =>
      void this.markPresent().catch((error: unknown) => console.error("[jobs] runner presence:", errorText(error)));
    present();
    this.presenceTimer = setInterval(present, this.leaseMs / 4);
    this.presenceTimer.unref();
    this.loop = this.poll();
  }

  /**
   * Says this runner is alive (while active), so others count it when they split spreadAcrossProcesses jobs;
   * rows of runners gone for good are cleared by whichever runner sees them.
   */
  private async markPresent(): Promise<void> {
    if (!(await this.isActive())) {
      await prisma.jobRunner.deleteMany({ where: { id: this.id } });
      return;
    }
    const names = [...this.byId.keys()];
    await prisma.$executeRaw`
      INSERT INTO "JobRunner" (id, names, affinity, "seenAt")
      VALUES (${this.id}, ${names}::text[], ${this.affinity}, now() AT TIME ZONE 'UTC')
      ON CONFLICT (id) DO UPDATE SET "seenAt" = EXCLUDED."seenAt"`;
    await prisma.$executeRaw`
      DELETE FROM "JobRunner" WHERE "seenAt" < (now() AT TIME ZONE 'UTC') - interval '1 hour'`;
  }

  /** Stops claiming new work and waits for the runs in flight to reach their next stop. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.cronTimer);
    clearInterval(this.presenceTimer);
    this.unsubscribe?.();
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.inFlight.keys()]);
    await prisma.jobRunner.deleteMany({ where: { id: this.id } }).catch(() => undefined);
  }

  /**
   * Runs every job due now, and whatever those start, until nothing due is left and nothing runs (for tests and
   * scripts). Work due later (a sleep, a backoff) is left for later. Throws after `timeoutMs`.
   */
  async runUntilIdle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const claimed = await this.fill();
      // Idle means the table too: another runner (another process, a test worker's background runner) may be
      // running one of these jobs, or about to.
      if (claimed === 0 && this.inFlight.size === 0 && !(await this.othersBusy())) return;
      if (Date.now() > deadline) throw new Error(`Jobs still running after ${timeoutMs} ms`);
      if (this.inFlight.size > 0) await Promise.race(this.inFlight.keys());
      else await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Whether rows this runner could run are running elsewhere or due now (a key's next run waiting for its turn). */
  private async othersBusy(): Promise<boolean> {
    const names = [...this.byId.keys()];
    const rows = await prisma.$queryRaw<{ busy: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM "Job" c
         WHERE c.name = ANY(${names}::text[]) AND c.affinity IS NOT DISTINCT FROM ${this.affinity}::text ${this.scope}
           AND (c.status = 'RUNNING' OR (c.status = 'PENDING' AND c."runAt" <= (now() AT TIME ZONE 'UTC')))) AS busy`;
    return rows[0]?.busy ?? false;
  }

  /** Enqueues each cron job that fires in the minute of `now` (once across all runners: the key is the minute). */
  async enqueueCrons(now: Date, prefix = "cron"): Promise<void> {
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
    const rows = [...this.byId.values()]
      .filter((job) => "cron" in job.trigger && (prefix === "boot" || cronFiresAt(job.trigger.cron, now)))
      .map((job) => ({
        name: job.id,
        data: {},
        idempotencyKey: `${prefix}:${minute}`,
        concurrencyKey: "cron",
        affinity: this.affinity,
      }));
    if (rows.length > 0) await prisma.job.createMany({ data: rows, skipDuplicates: true });
    await prisma.job.deleteMany({
      where: { status: { in: ["COMPLETED"] }, finishedAt: { lt: new Date(Date.now() - KEEP_FINISHED_MS) } },
    });
    this.wake();
  }

  private wake(): void {
    this.woken = true;
    this.wakeIdle?.();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeIdle = done;
    });
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      try {
        this.woken = false;
        const claimed = (await this.isActive()) ? await this.fill() : 0;
        // A job enqueued while fill() was claiming (its claim saw no row yet) must not wait for the next poll.
        if (claimed === 0 && !this.woken) await this.idle(this.pollMs);
      } catch (error) {
        console.error("[jobs] local runner:", errorText(error));
        await this.idle(this.pollMs * 4);
      }
    }
  }

  /** Claims and starts due jobs while this process has free slots; returns how many it started. */
  private async fill(): Promise<number> {
    let started = 0;
    while (this.inFlight.size < this.maxSlots && !(this.stopped && this.loop)) {
      const row = await this.claim();
      if (!row) break;
      started++;
      const run: Promise<void> = this.execute(row)
        .catch((error: unknown) => console.error(`[jobs] ${row.name} ${row.id}:`, errorText(error)))
        .finally(() => {
          this.inFlight.delete(run);
          this.wake();
        });
      this.inFlight.set(run, row.name);
    }
    return started;
  }

  private claimableNames(): string[] {
    const running = new Map<string, number>();
    for (const name of this.inFlight.values()) running.set(name, (running.get(name) ?? 0) + 1);
    const names = [...this.byId.entries()]
      .filter(([name, job]) => (running.get(name) ?? 0) < (job.localRunsPerProcess ?? this.slotsPerJob))
      .map(([name]) => name);
    if (this.expandStoredEvents)
      names.push(...Object.values(EVENTS).map((event) => `${EVENT_ROW_PREFIX}${event.name}`));
    return names;
  }

  private async claim(): Promise<JobRow | null> {
    const names = this.claimableNames();
    if (names.length === 0) return null;
    const spread = [...this.byId.values()].filter((job) => job.spreadAcrossProcesses).map((job) => job.id);
    // Mine × live runners ≤ all running: this runner is not above its share (a lone runner always is within it).
    const withinShare = Prisma.sql`(
      (SELECT count(*) FROM "Job" m WHERE m.status = 'RUNNING' AND m.name = c.name AND m."lockedBy" = ${this.id})
      * (SELECT count(*) FROM "JobRunner" x WHERE c.name = ANY(x.names)
          AND x.affinity IS NOT DISTINCT FROM ${this.affinity}::text
          AND x."seenAt" > (now() AT TIME ZONE 'UTC') - ${this.leaseMs}::int * interval '1 millisecond')
      <= (SELECT count(*) FROM "Job" t WHERE t.status = 'RUNNING' AND t.name = c.name))`;
    try {
      const rows = await prisma.$queryRaw<JobRow[]>`
        UPDATE "Job" j
           SET status = 'RUNNING', "lockedBy" = ${this.id}, "lockedAt" = (now() AT TIME ZONE 'UTC'),
               "updatedAt" = (now() AT TIME ZONE 'UTC'),
               "idempotencyKey" = CASE WHEN j."idempotencyKey" LIKE 'queued:%' OR j."idempotencyKey" LIKE 'debounce:%'
                                       THEN NULL ELSE j."idempotencyKey" END
         WHERE j.id = (
           SELECT c.id FROM "Job" c
            WHERE c.name = ANY(${names}::text[]) AND c.affinity IS NOT DISTINCT FROM ${this.affinity}::text ${this.scope}
              AND ((c.status = 'PENDING' AND c."runAt" <= (now() AT TIME ZONE 'UTC'))
                OR (c.status = 'RUNNING' AND c."lockedAt" < (now() AT TIME ZONE 'UTC') - ${this.leaseMs}::int * interval '1 millisecond'))
              AND (c."concurrencyKey" IS NULL OR c.status = 'RUNNING' OR NOT EXISTS (
                SELECT 1 FROM "Job" r WHERE r.status = 'RUNNING' AND r.name = c.name AND r."concurrencyKey" = c."concurrencyKey"))
              AND (NOT c.name = ANY(${spread}::text[]) OR c.status = 'RUNNING'
                OR c."runAt" < (now() AT TIME ZONE 'UTC') - ${SPREAD_GRACE_MS}::int * interval '1 millisecond'
                OR ${withinShare})
            ORDER BY c."runAt" LIMIT 1
            FOR UPDATE SKIP LOCKED)
        RETURNING j.id, j.name, j.data, j.steps, j.attempts`;
      return rows[0] ?? null;
    } catch (error) {
      // Another runner took this key's turn between our check and our update: the index said no; try later.
      if (errorText(error).includes("Job_running_per_key")) return null;
      throw error;
    }
  }

  private async execute(row: JobRow): Promise<void> {
    if (row.name.startsWith(EVENT_ROW_PREFIX)) return this.expandEventRow(row);
    const job = this.byId.get(row.name)!;
    const heartbeat = setInterval(() => {
      void prisma.job
        .updateMany({ where: { id: row.id, lockedBy: this.id }, data: { lockedAt: new Date() } })
        .catch(() => undefined);
    }, this.leaseMs / 4);
    heartbeat.unref();
    const steps = (row.steps ?? {}) as StoredSteps;
    let attempts = row.attempts;
    const save = async (data: Prisma.JobUpdateManyMutationInput) => {
      const { count } = await prisma.job.updateMany({ where: { id: row.id, lockedBy: this.id }, data });
      if (count === 0) throw new LeaseLost(`Job ${row.id} was taken over by another runner`);
    };
    const step: JobStep = {
      run: async <T>(id: string, fn: () => Promise<T>): Promise<T> => {
        if (!(id in steps)) {
          const value = await fn();
          steps[id] = { v: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
          attempts = 0;
          await save({ steps: steps as Prisma.InputJsonValue, attempts });
        }
        return steps[id]!.v as T;
      },
      sleepUntil: async (_id, at) => {
        const until = new Date(at);
        if (until.getTime() > Date.now()) throw new SleepSignal(until);
      },
      sendEvent: async (id, events) => {
        await step.run(id, async () => {
          await enqueueLocalEvents(events);
          return events.length;
        });
      },
    };
    try {
      const data = "event" in job.trigger ? EVENTS[job.trigger.event].data.parse(row.data) : {};
      await job.run({ data: data as never, step });
      await save({ status: "COMPLETED", finishedAt: new Date(), lockedBy: null, lockedAt: null, lastError: null });
    } catch (error) {
      if (error instanceof LeaseLost) return;
      if (error instanceof SleepSignal) {
        await save({ status: "PENDING", runAt: error.until, lockedBy: null, lockedAt: null });
        return;
      }
      attempts++;
      const message = errorText(error);
      if (error instanceof NonRetriableJobError || attempts > job.retries) {
        await save({
          status: "FAILED",
          attempts,
          lastError: message,
          finishedAt: new Date(),
          lockedBy: null,
          lockedAt: null,
        });
        const data = "event" in job.trigger ? (row.data as never) : ({} as never);
        await job.onFailure?.({ data, error: error instanceof Error ? error : new Error(message) });
        return;
      }
      const delay = Math.max(backoffMs(attempts), error instanceof RetryAfterJobError ? error.retryAfterMs : 0);
      await save({
        status: "PENDING",
        attempts,
        lastError: message,
        runAt: new Date(Date.now() + delay),
        lockedBy: null,
        lockedAt: null,
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** A stored event row: becomes the job rows of the jobs it triggers (skipping idempotent repeats), then goes. */
  private async expandEventRow(row: JobRow): Promise<void> {
    const event = { name: row.name.slice(EVENT_ROW_PREFIX.length), data: row.data as Record<string, unknown> };
    const rows = jobRowsFor(event, [...this.byId.values()]);
    await prisma.$transaction(async (tx) => {
      await insertJobRows(rows, tx);
      await tx.job.delete({ where: { id: row.id } });
    });
  }
}
