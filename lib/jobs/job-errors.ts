/** Thrown by a job step for a failure no retry can fix: the run fails at once (onFailure runs). */
export class NonRetriableJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NonRetriableJobError";
  }
}

/** Thrown by a job step that should be retried no sooner than `retryAfterMs` (a rate limit's Retry-After). */
export class RetryAfterJobError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RetryAfterJobError";
  }
}
