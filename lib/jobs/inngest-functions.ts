import { eventType, NonRetriableError, RetryAfterError, type InngestFunction } from "inngest";
import type { JobDefinition, JobStep } from "./define-job";
import { inngestClient } from "./inngest-client";
import { NonRetriableJobError, RetryAfterJobError } from "./job-errors";
import { EVENTS, type EventKey } from "./job-events";

/** Inngest's step tools as the job API sees them (kept structural so the test engine's mocked tools fit too). */
type InngestStepTools = {
  run: (id: string, fn: () => Promise<unknown>) => Promise<unknown>;
  sleepUntil: (id: string, at: Date | string) => Promise<unknown>;
  sendEvent: (id: string, events: { name: string; data: Record<string, unknown>; ts?: number }[]) => Promise<unknown>;
};

/** The job's own errors as Inngest's, thrown from a step or a run without steps, so Inngest retries (or not) it. */
function translateErrors<T>(fn: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof NonRetriableJobError) throw new NonRetriableError(error.message, { cause: error });
      if (error instanceof RetryAfterJobError)
        throw new RetryAfterError(error.message, error.retryAfterMs, { cause: error });
      throw error;
    }
  };
}

function stepApi(tools: InngestStepTools): JobStep {
  return {
    run: async <T>(id: string, fn: () => Promise<T>) => (await tools.run(id, translateErrors(fn))) as T,
    sleepUntil: async (id, at) => {
      await tools.sleepUntil(id, typeof at === "string" ? at : at.toISOString());
    },
    sendEvent: async (id, events) => {
      if (events.length > 0) await tools.sendEvent(id, events);
    },
  };
}

const dataPath = (field: string) => `event.data.${field}`;
// Inngest takes durations as strings; whole seconds are what its debounce accepts (1s to 7d).
const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))}s` as `${number}s`;

/**
 * A job definition as an Inngest function: event schemas as typed triggers, concurrency/singleton/idempotency/
 * debounce from the definition's data fields, onFailure, and the step API mapped onto Inngest's steps
 * (`step.sendEvent`, never `inngest.send`, inside a run; an event's `ts` passes through).
 */
export function toInngestFunction(job: JobDefinition): InngestFunction.Any {
  const trigger =
    "event" in job.trigger
      ? eventType(EVENTS[job.trigger.event].name, {
          schema: EVENTS[job.trigger.event].data as (typeof EVENTS)[EventKey]["data"] as never,
        })
      : { cron: job.trigger.cron };
  const concurrency = job.concurrency;
  const debounce = "debounce" in job ? job.debounce : undefined;
  return inngestClient().createFunction(
    {
      id: job.id,
      ...(job.name ? { name: job.name } : {}),
      triggers: [trigger],
      retries: job.retries as 0,
      ...("cron" in job.trigger ? { concurrency: 1 } : {}),
      ...(concurrency && !concurrency.skipWhileQueued
        ? { concurrency: { key: dataPath(concurrency.key), limit: 1 } }
        : {}),
      ...(concurrency?.skipWhileQueued ? { singleton: { key: dataPath(concurrency.key), mode: "skip" as const } } : {}),
      ...(job.idempotencyKey ? { idempotency: dataPath(job.idempotencyKey) } : {}),
      ...(job.priority ? { priority: { run: dataPath(job.priority) } } : {}),
      ...(debounce
        ? {
            debounce: {
              period: seconds(debounce.periodMs),
              timeout: seconds(debounce.timeoutMs),
              ...(debounce.key ? { key: dataPath(debounce.key) } : {}),
            },
          }
        : {}),
      ...(job.onFailure
        ? {
            onFailure: async ({ event, error }: { event: { data: { event: { data: unknown } } }; error: Error }) => {
              await job.onFailure!({ data: event.data.event.data as never, error });
            },
          }
        : {}),
    },
    async ({ event, step }: { event: { data: unknown }; step: InngestStepTools }) => {
      const data = "event" in job.trigger ? EVENTS[job.trigger.event].data.parse(event.data) : {};
      return translateErrors(() => job.run({ data: data as never, step: stepApi(step) }))();
    },
  ) as unknown as InngestFunction.Any;
}
