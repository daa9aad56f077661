import { PostscriptError } from "@/lib/postscript/postscript-error";
import type { SendResult } from "./delivery-provider";

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

/** Maps a failed Postscript call to what the ledger does next (see SendResult). */
export function classifyPostscriptFailure(error: unknown): SendResult {
  if (!(error instanceof PostscriptError)) {
    // Our own bug before or while building the request: retried (bounded by max attempts), never silent.
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: "retry",
      error: `Unexpected error while sending: ${message}`,
      responseStatus: null,
      rateLimited: false,
    };
  }
  const status = error.status ?? null;
  switch (error.kind) {
    case "rate_limited":
      return {
        outcome: "retry",
        error: error.message,
        responseStatus: status,
        retryAfterMs: error.retryAfterMs,
        rateLimited: true,
      };
    case "server_error":
      return {
        outcome: "retry",
        error: error.message,
        responseStatus: status,
        retryAfterMs: error.retryAfterMs,
        rateLimited: false,
      };
    case "unreachable":
      return { outcome: "retry", error: error.message, responseStatus: null, rateLimited: false };
    case "network":
      if (codeChain(error.cause).some((code) => NOT_SENT_CODES.has(code))) {
        return { outcome: "retry", error: error.message, responseStatus: null, rateLimited: false };
      }
      return {
        outcome: "unconfirmed",
        error:
          "Unconfirmed: the request reached Postscript but the connection broke before it answered, so the event may " +
          "have been received. It is not resent on its own, because Postscript does not de-duplicate events and the " +
          "customer could be texted twice.",
      };
    case "timeout":
      return {
        outcome: "unconfirmed",
        error:
          "Unconfirmed: the request reached Postscript but no answer came in time, so the event may still have been " +
          "received. It is not resent on its own, because Postscript does not de-duplicate events and the customer " +
          "could be texted twice.",
      };
    case "invalid_key":
    case "forbidden":
      return { outcome: "pause", error: error.message, responseStatus: status };
    case "rejected":
    case "not_found":
      return { outcome: "failed", error: error.message, responseStatus: status };
  }
}
