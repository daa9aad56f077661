export type PostscriptErrorKind =
  | "invalid_key"
  | "forbidden"
  | "rate_limited"
  | "rejected"
  | "not_found"
  | "server_error"
  | "timeout"
  | "network"
  | "unreachable";

export interface PostscriptErrorOptions {
  kind: PostscriptErrorKind;
  status?: number;
  postscriptMessage?: string;
  retryAfterMs?: number;
  /** Overrides the sentence derived from `kind`; still scrubbed of `redact`. */
  message?: string;
  /** A secret (the API key) to scrub from every text the error carries, should Postscript echo it back. */
  redact?: string;
  cause?: unknown;
}

const RETRYABLE_KINDS: ReadonlySet<PostscriptErrorKind> = new Set([
  "rate_limited",
  "server_error",
  "timeout",
  "network",
  "unreachable",
]);

// A proxy's HTML error page is noise to a merchant; a short plain-text body is usually the actual reason.
const MAX_PLAIN_TEXT_MESSAGE = 200;

function scrub(text: string, secret: string | undefined): string {
  return secret ? text.replaceAll(secret, "[redacted]") : text;
}

function withDetail(sentence: string, detail: string | undefined): string {
  return detail ? `${sentence}: ${detail}` : `${sentence}.`;
}

function describe(kind: PostscriptErrorKind, status: number | undefined, detail: string | undefined): string {
  switch (kind) {
    case "invalid_key":
      return (
        "Postscript did not accept the API key. " +
        "Use the shop's private key (it starts with sk_), not the public one."
      );
    case "forbidden":
      return withDetail(
        "Postscript refused the request because the API key lacks the permission or plan for it",
        detail,
      );
    case "rate_limited":
      return "Postscript is rate limiting requests (15 a second per key); try again in a moment.";
    case "rejected":
      return withDetail("Postscript rejected the request", detail);
    case "not_found":
      return withDetail("Postscript could not find what was requested", detail);
    case "server_error":
      return `Postscript had a server problem${status ? ` (HTTP ${status})` : ""}; try again later.`;
    case "timeout":
      return "Postscript did not answer in time; try again later.";
    case "network":
      return "The connection to Postscript broke before it answered; try again later.";
    case "unreachable":
      return "Could not reach Postscript over the network; try again later.";
  }
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

// Validation errors arrive as {loc, msg} items (FastAPI style); "body.type: …" tells a merchant which field.
function describeIssue(issue: unknown): string | undefined {
  if (typeof issue === "string") return textOf(issue);
  if (!issue || typeof issue !== "object") return undefined;
  const { loc, msg, message } = issue as { loc?: unknown; msg?: unknown; message?: unknown };
  const text = textOf(msg) ?? textOf(message);
  if (!text) return undefined;
  const where = Array.isArray(loc) ? loc.filter((part) => part !== "body").join(".") : "";
  return where ? `${where}: ${text}` : text;
}

function describeIssues(issues: unknown): string | undefined {
  if (!Array.isArray(issues)) return textOf(issues);
  const parts = issues.map(describeIssue).filter((part): part is string => Boolean(part));
  return parts.length ? parts.join("; ") : undefined;
}

/**
 * Reads Postscript's own explanation from an error body. Endpoints answer in different shapes
 * (`{error_code, error_message}`, `{error}`, `{errors: [{loc, msg, type}]}`), so every one is tried.
 */
function parsePostscriptMessage(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    const text = bodyText.trim();
    return text && !text.startsWith("<") && text.length <= MAX_PLAIN_TEXT_MESSAGE ? text : undefined;
  }
  if (!body || typeof body !== "object") return textOf(body);
  const { error_message, error, errors, detail, message } = body as Record<string, unknown>;
  return (
    textOf(error_message) ??
    (error && typeof error === "object" ? describeIssue(error) : textOf(error)) ??
    describeIssues(errors) ??
    describeIssues(detail) ??
    textOf(message)
  );
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored rather than guessed. */
function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header?.trim()) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function kindForStatus(status: number): PostscriptErrorKind {
  if (status === 401) return "invalid_key";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 400 && status < 500) return "rejected";
  return "server_error";
}

/**
 * The one error every Postscript call throws. `message` is a sentence a merchant can read and never contains
 * the API key; `kind` drives retries (see `retryable`) and the UI.
 */
export class PostscriptError extends Error {
  readonly kind: PostscriptErrorKind;
  readonly status?: number;
  readonly postscriptMessage?: string;
  readonly retryAfterMs?: number;

  constructor(options: PostscriptErrorOptions) {
    const postscriptMessage =
      options.postscriptMessage === undefined ? undefined : scrub(options.postscriptMessage, options.redact);
    const message = options.message ?? describe(options.kind, options.status, postscriptMessage);
    super(scrub(message, options.redact), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PostscriptError";
    this.kind = options.kind;
    this.status = options.status;
    this.postscriptMessage = postscriptMessage;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when the same request may succeed later (rate limits, outages, timeouts, network failures). */
  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }

  /**
   * Builds the error for a non-2xx answer: maps the status to a kind, reads Postscript's message from any of
   * its body shapes (non-JSON bodies tolerated) and honours a Retry-After header when one is present.
   */
  static fromResponse(response: {
    status: number;
    bodyText: string;
    retryAfter: string | null;
    redact?: string;
  }): PostscriptError {
    return new PostscriptError({
      kind: kindForStatus(response.status),
      status: response.status,
      postscriptMessage: parsePostscriptMessage(response.bodyText),
      retryAfterMs: parseRetryAfter(response.retryAfter, Date.now()),
      redact: response.redact,
    });
  }
}
