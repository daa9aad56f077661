/** Runs one query in a pool share; `lane` names who asks (a delivery run), so that light askers are not held up. */
export type PoolShare = <T>(lane: object, query: () => Promise<T>) => Promise<T>;

/**
 * How many queries a lane that had none waiting may go ahead of the busy lanes by. A small restock's drainer
 * (4 senders: a reserve and a claim each before its first request) then starts at the front, and a busy lane waits
 * at most this many queries of each other lane: a sender's wait between its slot and its claim stays short, as
 * the send limiter's in-flight bound assumes (with an unbounded head start, busy lanes starved, one key saw 17
 * requests in a second and three shops fell from 0.46 to 0.37 of their limit).
 */
export const LANE_HEAD_START = 12;

/**
 * A share of the process's database pool for one kind of work: at most `max` of its queries in flight at once,
 * the rest wait here. A busy kind (the delivery engine's many senders) then leaves connections free for everything
 * else (web requests, the job runner, a new restock's first steps) instead of queueing every other query behind its
 * own in the pool.
 *
 * Waiting queries are served by fair queueing between lanes (start-time tags counted in queries): busy lanes take
 * equal turns, and a lane that comes back after having nothing waiting starts up to LANE_HEAD_START queries ahead
 * of them. First come first served, a small restock's drainer beside 20 big ones queued behind their 80 senders'
 * queries (first alert 4.8 s after planning) and then, backlogged, went no faster than they did.
 */
export function poolShare(max: number): PoolShare {
  let active = 0;
  // The start tag of the query chosen last: the share's clock, in queries.
  let clock = 0;
  // Lanes with queries waiting (a lane's own in the order they came), and each lane's next start tag.
  const waiting = new Map<object, (() => void)[]>();
  const tags = new WeakMap<object, number>();

  const take = (lane: object) => {
    const tag = tags.get(lane)!;
    clock = Math.max(clock, tag);
    tags.set(lane, tag + 1);
  };

  const next = (): (() => void) | undefined => {
    let chosen: object | undefined;
    for (const lane of waiting.keys()) if (chosen === undefined || tags.get(lane)! < tags.get(chosen)!) chosen = lane;
    if (chosen === undefined) return undefined;
    const queue = waiting.get(chosen)!;
    const start = queue.shift()!;
    if (queue.length === 0) waiting.delete(chosen);
    // Counted when chosen, not when its query starts a moment later, so the next choice already sees it.
    take(chosen);
    return start;
  };

  return async (lane, query) => {
    // A lane with nothing waiting keeps its place if it is behind, else (re)starts at most a head start ahead.
    if (!waiting.has(lane)) tags.set(lane, Math.max(tags.get(lane) ?? -Infinity, clock - LANE_HEAD_START));
    // A finishing query hands its place straight to the next one chosen (active stays the same).
    if (active >= max) {
      await new Promise<void>((resolve) => {
        const queue = waiting.get(lane);
        if (queue) queue.push(resolve);
        else waiting.set(lane, [resolve]);
      });
    } else {
      active++;
      take(lane);
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
