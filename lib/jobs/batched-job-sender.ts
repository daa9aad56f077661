import type { JobEvent } from "./job-events";
import { sendJobEvents } from "./send-job-event";

/**
 * How long an event waits for others to join its batch, and the most a batch holds. The default wait gathers about
 * 6 webhooks at 300/s and adds 20 ms to a hand-off that happens after the answer anyway.
 */
export type BatchOptions = { maxWaitMs: number; maxEvents: number };

type Waiting = { event: JobEvent; sent: () => void; failed: (error: unknown) => void };

/**
 * A sender that gathers events and hands them over in one sendJobEvents call per `maxWaitMs` (or as soon as
 * `maxEvents` are waiting): under a burst, one request to Inngest (or one INSERT into the job table) carries many
 * events instead of one each. Each returned promise settles with its batch: it rejects when the batch could not be
 * handed over, so the caller can leave the mark it would leave for a single failed send.
 */
export function batchedJobSender(options: BatchOptions = { maxWaitMs: 20, maxEvents: 100 }) {
  let waiting: Waiting[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    sendJobEvents(batch.map((item) => item.event)).then(
      () => batch.forEach((item) => item.sent()),
      (error: unknown) => batch.forEach((item) => item.failed(error)),
    );
  };

  return (event: JobEvent): Promise<void> =>
    new Promise<void>((sent, failed) => {
      waiting.push({ event, sent, failed });
      if (waiting.length >= options.maxEvents) flush();
      else timer ??= setTimeout(flush, options.maxWaitMs);
    });
}
