import { describe, expect, it } from "vitest";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";

function fromBody(status: number, body: unknown, retryAfter: string | null = null) {
  return KlaviyoError.fromResponse({
    status,
    bodyText: typeof body === "string" ? body : JSON.stringify(body),
    retryAfter,
  });
}

const jsonApiError = (detail: string, code = "invalid") => ({
  errors: [{ id: "e1", status: 400, code, title: "Invalid input.", detail, source: { pointer: "/data/" } }],
});

describe("KlaviyoError.fromResponse", () => {
  it("maps statuses to kinds", () => {
    expect(fromBody(401, {}).kind).toBe("invalid_key");
    expect(fromBody(403, {}).kind).toBe("forbidden");
    expect(fromBody(429, {}).kind).toBe("rate_limited");
    expect(fromBody(400, {}).kind).toBe("rejected");
    expect(fromBody(404, {}).kind).toBe("rejected");
    expect(fromBody(409, {}).kind).toBe("rejected");
    expect(fromBody(500, {}).kind).toBe("server_error");
    expect(fromBody(503, {}).kind).toBe("server_error");
  });

  it("treats a 400 whose error code is an authentication failure as an invalid key", () => {
    expect(fromBody(400, jsonApiError("Missing or invalid private key.", "not_authenticated")).kind).toBe(
      "invalid_key",
    );
    expect(fromBody(400, jsonApiError("Incorrect authentication credentials.", "authentication_failed")).kind).toBe(
      "invalid_key",
    );
  });

  it("reads the detail of every JSON:API error, falling back to the title", () => {
    const error = fromBody(400, {
      errors: [
        { code: "invalid", title: "Invalid input.", detail: "'phone_number' is not a valid phone number" },
        { code: "invalid", title: "Invalid input.", detail: "'phone_number' is not a valid phone number" },
        { code: "invalid", title: "Missing metric." },
      ],
    });
    expect(error.klaviyoMessage).toBe("'phone_number' is not a valid phone number; Missing metric.");
    expect(error.message).toBe(
      "Klaviyo rejected the request: 'phone_number' is not a valid phone number; Missing metric.",
    );
    expect(fromBody(403, jsonApiError("This API key is missing required scopes.", "permission_denied")).message).toBe(
      "Klaviyo refused the request because the API key lacks a required scope: This API key is missing required scopes.",
    );
  });

  it("tolerates non-JSON, non-JSON:API and empty bodies", () => {
    expect(fromBody(502, "Bad Gateway").klaviyoMessage).toBe("Bad Gateway");
    expect(fromBody(502, "<html><body>nginx</body></html>").klaviyoMessage).toBeUndefined();
    expect(fromBody(400, { message: "?" }).klaviyoMessage).toBeUndefined();
    const empty = fromBody(400, "");
    expect(empty.klaviyoMessage).toBeUndefined();
    expect(empty.message).toBe("Klaviyo rejected the request.");
    expect(fromBody(503, "").message).toBe("Klaviyo had a server problem (HTTP 503); try again later.");
  });

  it("honours Retry-After as seconds or as an HTTP date, and only when present", () => {
    expect(fromBody(429, {}, "3").retryAfterMs).toBe(3000);
    const fromDate = fromBody(429, {}, new Date(Date.now() + 10_000).toUTCString()).retryAfterMs;
    expect(fromDate).toBeGreaterThan(8_000);
    expect(fromDate).toBeLessThanOrEqual(10_000);
    expect(fromBody(429, {}, null).retryAfterMs).toBeUndefined();
    expect(fromBody(429, {}, "soon").retryAfterMs).toBeUndefined();
  });

  it("scrubs the API key from everything it carries", () => {
    const key = "pk_0123456789abcdef0123456789abcdef01";
    const error = KlaviyoError.fromResponse({
      status: 400,
      bodyText: JSON.stringify(jsonApiError(`key ${key} is not allowed`)),
      retryAfter: null,
      redact: key,
    });
    expect(error.klaviyoMessage).toBe("key [redacted] is not allowed");
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(key);
  });
});

describe("KlaviyoError.retryable", () => {
  it("is true only for transient kinds", () => {
    expect(
      (["rate_limited", "server_error", "timeout", "network"] as const).map(
        (kind) => new KlaviyoError({ kind }).retryable,
      ),
    ).toEqual([true, true, true, true]);
    expect(
      (["invalid_key", "forbidden", "rejected"] as const).map((kind) => new KlaviyoError({ kind }).retryable),
    ).toEqual([false, false, false]);
  });

  it("is an Error with a readable name and message", () => {
    const error = new KlaviyoError({ kind: "network" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("KlaviyoError");
    expect(error.message).toBe("Could not reach Klaviyo over the network; try again later.");
  });
});
