// How late a timer may fire before we call the process busy rather than waiting, and how long the answers that
// arrived meanwhile then get to be read: one turn of the event loop is enough for bytes already received.
const LATE_MS = 50;
const GRACE_MS = 50;

/**
 * Calls `onExpire` once `timeoutMs` have passed without the returned cancel being called: an outside API call's
 * deadline. A timer that fires late means this process was busy (a long render, garbage collection, a starved CPU)
 * rather than waiting, and Node runs due timers before it reads the sockets: an answer that arrived on time would
 * lose to its own timeout and be recorded as unanswered (for an event, UNCONFIRMED: never resent). So a late timer
 * first gives what already arrived a short grace to be read.
 */
export function answerDeadline(timeoutMs: number, onExpire: () => void): () => void {
  const due = performance.now() + timeoutMs;
  let timer = setTimeout(() => {
    if (performance.now() - due > LATE_MS) timer = setTimeout(onExpire, GRACE_MS);
    else onExpire();
  }, timeoutMs);
  return () => clearTimeout(timer);
}
