/** How the engine retries a delivery that failed for a reason that may pass (rate limit, outage). */
export type RetryPolicy = {
  /** First backoff; doubles with each attempt up to `capMs`. */
  baseMs: number;
  capMs: number;
  /** Attempts (including the first) before a delivery failing with 5xx or network errors is FAILED. */
  maxAttempts: number;
  /** Rate limiting only says "later", never "no": it gets a larger budget than outages. */
  maxRateLimitedAttempts: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 1_000,
  capMs: 10 * 60_000,
  maxAttempts: 12,
  maxRateLimitedAttempts: 30,
};

/**
 * Delay before the next attempt: exponential from `baseMs`, capped, with "equal jitter" (half fixed, half
 * random) so workers that failed together do not come back together; never shorter than a Retry-After.
 */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
