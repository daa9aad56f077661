// Page refreshes started by useAction that have not committed yet, and the actions waiting for them to end.
let inFlight = 0;
let waiters: (() => void)[] = [];

/**
 * Marks a page refresh as started and returns the function that marks it ended (safe to call twice). While one
 * is in flight, `refreshesSettled` holds new server actions back: an action dispatched into the App Router's
 * queue behind a refresh could lose its result (the setup page's lost "Send test event" clicks).
 */
export function beginRefresh(): () => void {
  inFlight += 1;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight -= 1;
    if (inFlight === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };
}

/** Resolves once no refresh started by useAction is in flight (at once when none is). */
export function refreshesSettled(): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
}
