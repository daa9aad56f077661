import { describe, expect, it } from "vitest";
import { PostscriptError } from "@/lib/postscript/postscript-error";

function fromBody(status: number, body: unknown, retryAfter: string | null = null) {
  return PostscriptError.fromResponse({
    status,
    bodyText: typeof body === "string" ? body : JSON.stringify(body),
    retryAfter,
  });
}

describe("PostscriptError.fromResponse", () => {
  it("maps statuses to kinds", () => {
    expect(fromBody(401, {}).kind).toBe("invalid_key");
    expect(fromBody(403, {}).kind).toBe("forbidden");
    expect(fromBody(404, {}).kind).toBe("not_found");
    expect(fromBody(429, {}).kind).toBe("rate_limited");
    expect(fromBody(400, {}).kind).toBe("rejected");
    expect(fromBody(422, {}).kind).toBe("rejected");
    expect(fromBody(500, {}).kind).toBe("server_error");
    expect(fromBody(503, {}).kind).toBe("server_error");
  });

  it("reads Postscript's message from each documented body shape", () => {
    const coded = fromBody(400, { error_code: 3001, error_message: "Could not find keyword", success: false });
    expect(coded.postscriptMessage).toBe("Could not find keyword");
    expect(coded.message).toBe("Postscript rejected the request: Could not find keyword");

    expect(fromBody(400, { error: "Phone number is invalid" }).postscriptMessage).toBe("Phone number is invalid");

    const validation = fromBody(400, {
      errors: [
        { loc: ["body", "type"], msg: "string does not match regex", type: "value_error.str.regex" },
        { loc: ["body", "properties", "size"], msg: "not a primitive", type: "type_error" },
      ],
    });
    expect(validation.postscriptMessage).toBe("type: string does not match regex; properties.size: not a primitive");
  });

  it("tolerates non-JSON and empty bodies", () => {
    expect(fromBody(502, "Bad Gateway").postscriptMessage).toBe("Bad Gateway");
    expect(fromBody(502, "<html><body>nginx</body></html>").postscriptMessage).toBeUndefined();
    const empty = fromBody(400, "");
    expect(empty.postscriptMessage).toBeUndefined();
    expect(empty.message).toBe("Postscript rejected the request.");
  });

  it("honours Retry-After as seconds or as an HTTP date, and only when present", () => {
    expect(fromBody(429, {}, "3").retryAfterMs).toBe(3000);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const fromDate = fromBody(429, {}, inTenSeconds).retryAfterMs;
    expect(fromDate).toBeGreaterThan(8_000);
    expect(fromDate).toBeLessThanOrEqual(10_000);
    expect(fromBody(429, {}, null).retryAfterMs).toBeUndefined();
    expect(fromBody(429, {}, "soon").retryAfterMs).toBeUndefined();
  });

  it("scrubs the API key from everything it carries", () => {
    const key = "sk_live_secret_1234567890";
    const error = PostscriptError.fromResponse({
      status: 400,
      bodyText: JSON.stringify({ error: `key ${key} is not allowed here` }),
      retryAfter: null,
      redact: key,
    });
    expect(error.postscriptMessage).toBe("key [redacted] is not allowed here");
    expect(error.message).not.toContain(key);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(key);
  });
});

describe("PostscriptError.retryable", () => {
  it("is true only for transient kinds", () => {
    const retryable = (["rate_limited", "server_error", "timeout", "network"] as const).map(
      (kind) => new PostscriptError({ kind }).retryable,
    );
    const final = (["invalid_key", "forbidden", "rejected", "not_found"] as const).map(
      (kind) => new PostscriptError({ kind }).retryable,
    );
    expect(retryable).toEqual([true, true, true, true]);
    expect(final).toEqual([false, false, false, false]);
  });

  it("is an Error with a readable name", () => {
    const error = new PostscriptError({ kind: "unreachable" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("PostscriptError");
    expect(error.message).toBe("Could not reach Postscript over the network; try again later.");
  });
});
