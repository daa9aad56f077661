export type KlaviyoErrorKind =
  "invalid_key" | "forbidden" | "rate_limited" | "rejected" | "server_error" | "timeout" | "network";

export interface KlaviyoErrorOptions {
  kind: KlaviyoErrorKind;
  status?: number;
  /** Klaviyo's own explanation (the `detail` of each item in its `errors` array). */
  klaviyoMessage?: string;
  retryAfterMs?: number;
  /** Overrides the sentence derived from `kind`; still scrubbed of `redact`. */
  message?: string;
  /** A secret (the API key) to scrub from every text the error carries, should Klaviyo echo it back. */
  redact?: string;
  cause?: unknown;
}

const RETRYABLE_KINDS: ReadonlySet<KlaviyoErrorKind> = new Set(["rate_limited", "server_error", "timeout", "network"]);

// Klaviyo answers auth problems on some older revisions with 400 and one of these codes instead of 401.
const AUTH_ERROR_CODES: ReadonlySet<string> = new Set(["not_authenticated", "authentication_failed"]);

// A proxy's HTML error page is noise to a merchant; a short plain-text body is usually the actual reason.
const MAX_PLAIN_TEXT_MESSAGE = 200;

function scrub(text: string, secret: string | undefined): string {
  return secret ? text.replaceAll(secret, "[redacted]") : text;
}

function withDetail(sentence: string, detail: string | undefined): string {
  return detail ? `${sentence}: ${detail}` : `${sentence}.`;
}

function describe(kind: KlaviyoErrorKind, status: number | undefined, detail: string | undefined): string {
  switch (kind) {
    case "invalid_key":
      return "Klaviyo did not accept the API key. Use a Private API Key (it starts with pk_), not the 6-character public key.";
    case "forbidden":
      return withDetail("Klaviyo refused the request because the API key lacks a required scope", detail);
    case "rate_limited":
      return "Klaviyo is rate limiting requests; try again in a moment.";
    case "rejected":
      return withDetail("Klaviyo rejected the request", detail);
    case "server_error":
      return `Klaviyo had a server problem${status ? ` (HTTP ${status})` : ""}; try again later.`;
    case "timeout":
      return "Klaviyo did not answer in time; try again later.";
    case "network":
      return "Could not reach Klaviyo over the network; try again later.";
  }
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

type KlaviyoErrorItem = { detail?: unknown; title?: unknown; code?: unknown };

/** The `errors` array of a JSON:API error body, or nothing when the body is not one. */
function errorItems(body: unknown): KlaviyoErrorItem[] {
  if (!body || typeof body !== "object") return [];
  const { errors } = body as { errors?: unknown };
  return Array.isArray(errors)
    ? errors.filter((item): item is KlaviyoErrorItem => Boolean(item) && typeof item === "object")
    : [];
}

function parseBody(bodyText: string): unknown {
  try {
    return JSON.parse(bodyText);
  } catch {
    return undefined;
  }
}

/** Klaviyo's explanation: each error's `detail` (or `title`), joined; a short plain-text body otherwise. */
function parseKlaviyoMessage(bodyText: string): string | undefined {
  const body = parseBody(bodyText);
  if (body === undefined) {
    const text = bodyText.trim();
    return text && !text.startsWith("<") && text.length <= MAX_PLAIN_TEXT_MESSAGE ? text : undefined;
  }
  const parts = errorItems(body)
    .map((item) => textOf(item.detail) ?? textOf(item.title))
    .filter((part): part is string => Boolean(part));
  return parts.length ? [...new Set(parts)].join("; ") : undefined;
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored rather than guessed. */
function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header?.trim()) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function kindFor(status: number, bodyText: string): KlaviyoErrorKind {
  if (status === 401) return "invalid_key";
  if (status === 403) return "forbidden";
  if (status === 429) return "rate_limited";
  if (status >= 400 && status < 500) {
    const authProblem = errorItems(parseBody(bodyText)).some(
      (item) => typeof item.code === "string" && AUTH_ERROR_CODES.has(item.code),
    );
    return authProblem ? "invalid_key" : "rejected";
  }
  return "server_error";
}

/**
 * The one error every Klaviyo call throws. `message` is a sentence a merchant can read and never contains the
 * API key; `kind` drives retries (see `retryable`) and the UI.
 */
export class KlaviyoError extends Error {
  readonly kind: KlaviyoErrorKind;
  readonly status?: number;
  readonly klaviyoMessage?: string;
  readonly retryAfterMs?: number;

  constructor(options: KlaviyoErrorOptions) {
    const klaviyoMessage =
      options.klaviyoMessage === undefined ? undefined : scrub(options.klaviyoMessage, options.redact);
    const message = options.message ?? describe(options.kind, options.status, klaviyoMessage);
    super(scrub(message, options.redact), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "KlaviyoError";
    this.kind = options.kind;
    this.status = options.status;
    this.klaviyoMessage = klaviyoMessage;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when the same request may succeed later (rate limits, outages, timeouts, network failures). */
  get retryable(): boolean {
    return RETRYABLE_KINDS.has(this.kind);
  }

  /**
   * Builds the error for a non-2xx answer: maps the status to a kind, reads the `detail` of Klaviyo's JSON:API
   * `errors` (non-JSON bodies tolerated) and honours the Retry-After header Klaviyo sends with a 429.
   */
  static fromResponse(response: {
    status: number;
    bodyText: string;
    retryAfter: string | null;
    redact?: string;
  }): KlaviyoError {
    return new KlaviyoError({
      kind: kindFor(response.status, response.bodyText),
      status: response.status,
      klaviyoMessage: parseKlaviyoMessage(response.bodyText),
      retryAfterMs: parseRetryAfter(response.retryAfter, Date.now()),
      redact: response.redact,
    });
  }
}
