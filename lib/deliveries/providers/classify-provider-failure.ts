import type { SendResult } from "./delivery-provider";

/** What went wrong in one call to a provider, whichever provider: the kinds PostscriptError and KlaviyoError use. */
export type ProviderFailureKind =
  | "rate_limited"
  | "server_error"
  | "unreachable"
  | "network"
  | "timeout"
  | "invalid_key"
  | "forbidden"
  | "rejected"
  | "not_found";

/** A provider's error read as one failure: `message` is what the ledger and the merchant see. */
export type ProviderFailure = {
  kind: ProviderFailureKind;
  status?: number;
  retryAfterMs?: number;
  message: string;
  /** The network error underneath, whose codes tell whether the request left this machine. */
  cause?: unknown;
};

/** What differs between providers when a send fails: their name, what they are sent, their error, de-duplication. */
export type ProviderFailureSpec = {
  /** "Postscript", as merchants know it. */
  name: string;
  /** What one send is to the provider ("event", "text"), in the unconfirmed explanation. */
  item: string;
  /** The provider's own error as a ProviderFailure, or null for anything else (then it is our own bug). */
  read(error: unknown): ProviderFailure | null;
  /**
   * True when the provider keeps only the first send per idempotency key (Klaviyo's unique_id): a request that
   * may have arrived is simply sent again. Otherwise it is UNCONFIRMED and never resent on its own.
   */
  deduplicates: boolean;
};

// Failures that happen before a byte of the request left this machine: a retry cannot produce a duplicate.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function codeChain(error: unknown): string[] {
  const codes: string[] = [];
  for (let cause = error, depth = 0; cause && typeof cause === "object" && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    cause = (cause as { cause?: unknown }).cause;
  }
  return codes;
}

function unconfirmed(spec: ProviderFailureSpec, what: string): SendResult {
  const { name, item } = spec;
  return {
    outcome: "unconfirmed",
    error:
      `Unconfirmed: the request reached ${name} but ${what}. It is not resent on its own, because ${name} does ` +
      `not de-duplicate ${item}s and the customer could be texted twice.`,
  };
}

/**
 * Maps a failed send to what the ledger does next (see SendResult), the same way for every provider; `spec`
 * gives the provider's wording and whether it de-duplicates.
 */
export function classifyProviderFailure(error: unknown, spec: ProviderFailureSpec): SendResult {
  const failure = spec.read(error);
  if (!failure) {
    // Our own bug before or while building the request: retried (bounded by max attempts), never silent.
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: "retry",
      error: `Unexpected error while sending: ${message}`,
      responseStatus: null,
      rateLimited: false,
    };
  }
  const { message } = failure;
  const status = failure.status ?? null;
  const retry = (rateLimited: boolean): SendResult => ({
    outcome: "retry",
    error: message,
    responseStatus: status,
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    rateLimited,
  });
  switch (failure.kind) {
    case "rate_limited":
      return retry(true);
    case "server_error":
      return retry(false);
    case "unreachable":
      return { outcome: "retry", error: message, responseStatus: null, rateLimited: false };
    case "network":
      if (spec.deduplicates || codeChain(failure.cause).some((code) => NOT_SENT_CODES.has(code)))
        return { outcome: "retry", error: message, responseStatus: null, rateLimited: false };
      return unconfirmed(spec, `the connection broke before it answered, so the ${spec.item} may have been received`);
    case "timeout":
      if (spec.deduplicates) return { outcome: "retry", error: message, responseStatus: null, rateLimited: false };
      return unconfirmed(spec, `no answer came in time, so the ${spec.item} may still have been received`);
    case "invalid_key":
    case "forbidden":
      return { outcome: "pause", error: message, responseStatus: status };
    case "rejected":
    case "not_found":
      return { outcome: "failed", error: message, responseStatus: status };
  }
}
