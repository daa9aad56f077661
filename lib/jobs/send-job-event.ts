import { inngestClient } from "./inngest-client";
import { jobBackend } from "./job-backend";
import { jobEvent, type EventInput, type EventKey, type JobEvent } from "./job-events";
import { enqueueLocalEvents } from "./local-job-table";

/**
 * Sends events to whichever runner executes jobs (Inngest, or the local job table; see jobBackend). Throws when
 * the event could not be handed over, so a caller that must not lose it (a webhook) answers with an error and
 * is retried by its sender.
 */
export async function sendJobEvents(events: JobEvent[]): Promise<void> {
  if (events.length === 0) return;
  if ((await jobBackend()) === "inngest") await inngestClient().send(events);
  else await enqueueLocalEvents(events);
}

/** Sends one event (its data validated against the event's schema); see sendJobEvents. */
export async function sendJobEvent<K extends EventKey>(key: K, data: EventInput<K>): Promise<void> {
  await sendJobEvents([jobEvent(key, data)]);
}
