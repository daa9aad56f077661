import { AsyncLocalStorage } from "node:async_hooks";
import diagnostics from "node:diagnostics_channel";

type Tracker = { created: boolean; written: boolean };

const current = new AsyncLocalStorage<Tracker>();
const byRequest = new WeakMap<object, Tracker>();
let subscribed = false;

// Node's fetch (undici) announces each request it creates and when that request's last byte was handed to the
// socket; the request object links the two, and the async context links the creation to our call.
function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  diagnostics.subscribe("undici:request:create", (message) => {
    const tracker = current.getStore();
    const request = (message as { request?: object }).request;
    if (tracker && request) {
      tracker.created = true;
      byRequest.set(request, tracker);
    }
  });
  diagnostics.subscribe("undici:request:bodySent", (message) => {
    const request = (message as { request?: object }).request;
    const tracker = request && byRequest.get(request);
    if (tracker) tracker.written = true;
  });
}

/**
 * Runs `send` (a call of Node's global fetch) and tells whether its request was written out: `written()` is
 * false when it failed before the whole request left this machine (connection refused, DNS, TLS, a connect
 * timeout), so the server cannot have acted on it; true once it left (a later failure leaves the outcome
 * unknown); null when the call never went through Node's fetch (an injected fetch), which tells nothing.
 */
export function trackRequestWritten<T>(send: () => Promise<T>): {
  response: Promise<T>;
  written: () => boolean | null;
} {
  subscribe();
  const tracker: Tracker = { created: false, written: false };
  const response = current.run(tracker, send);
  return { response, written: () => (tracker.created ? tracker.written : null) };
}
