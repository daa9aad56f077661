/** Runs one query in a pool share; `lane` names who asks (a delivery run), so that light askers are not held up. */
export type PoolShare = <T>(lane: object, query: () => Promise<T>) => Promise<T>;

/**
 * A share of the process's database pool for one kind of work: at most `max` of its queries in flight at once,
 * the rest wait here. A busy kind (the delivery engine's many senders) then leaves connections free for everything
 * else (web requests, the job runner, a new restock's first steps) instead of queueing every other query behind its
 * own in the pool.
 *
 * A freed place goes to the waiting lane that has run the fewest queries so far (first come first served between
 * equals and within a lane). A small restock's run (a few alerts) then goes ahead of big restocks' runs instead of
 * queueing behind every query their 80 senders have waiting: first come first served, a small restock beside 20
 * big ones waited 4.8 s for its first alert, as its share of a CPU-bound machine was no larger than theirs while
 * its alerts queued behind one another. A lane cannot take more than its rate limit lets it ask for, so runs
 * with more queries so far get the rest, and equal big runs stay level with one another.
 */
export function poolShare(max: number): PoolShare {
  let active = 0;
  // Lanes with queries waiting, in the order they began waiting; a lane's own queries in the order they came.
  const waiting = new Map<object, (() => void)[]>();
  const served = new WeakMap<object, number>();
  const count = (lane: object) => served.get(lane) ?? 0;

  const next = (): (() => void) | undefined => {
    let chosen: object | undefined;
    for (const lane of waiting.keys()) if (chosen === undefined || count(lane) < count(chosen)) chosen = lane;
    if (chosen === undefined) return undefined;
    const queue = waiting.get(chosen)!;
    const start = queue.shift()!;
    if (queue.length === 0) waiting.delete(chosen);
    // Counted when chosen, not when its query starts a moment later, so the next choice already sees it.
    served.set(chosen, count(chosen) + 1);
    return start;
  };

  return async (lane, query) => {
    // A finishing query hands its place straight to the next one chosen (active stays the same).
    if (active >= max) {
      await new Promise<void>((resolve) => {
        const queue = waiting.get(lane);
        if (queue) queue.push(resolve);
        else waiting.set(lane, [resolve]);
      });
    } else {
      active++;
      served.set(lane, count(lane) + 1);
    }
    try {
      return await query();
    } finally {
      const start = next();
      if (start) start();
      else active--;
    }
  };
}
