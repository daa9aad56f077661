/**
 * A share of the process's database pool for one kind of work: at most `max` of its queries in flight at once,
 * the rest wait here, first come first served. A busy kind (the delivery engine's many senders) then leaves
 * connections free for everything else (web requests, the job runner, a new restock's first steps) instead of
 * queueing every other query behind its own in the pool.
 */
export function poolShare(max: number): <T>(query: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (query) => {
    // A finishing query hands its place straight to the next waiter (active stays the same).
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await query();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
