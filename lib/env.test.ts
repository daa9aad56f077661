import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://app@db.internal:5432/signalboard",
  AUTH_SECRET: "a".repeat(40),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  SHOPIFY_API_KEY: "0123456789abcdef0123456789abcdef",
  SHOPIFY_API_SECRET: "shpss_abc",
  INNGEST_EVENT_KEY: "evt-key",
  INNGEST_SIGNING_KEY: "signkey-prod-0123abcd",
};

describe("parseEnv", () => {
  it("accepts a complete production configuration and defaults the Postscript URL", () => {
    const env = parseEnv(valid);
    expect(env.POSTSCRIPT_API_BASE_URL).toBe("https://api.postscript.io/api/v2");
    expect(env.POSTSCRIPT_TIMEOUT_MS).toBe(10_000);
  });

  it.each([
    ["DATABASE_URL", undefined, "Configuration error: DATABASE_URL is required"],
    ["DATABASE_URL", "mysql://x@y/z", "Configuration error: DATABASE_URL must be a PostgreSQL connection URL"],
    ["AUTH_SECRET", "short", "Configuration error: AUTH_SECRET must be at least 32 random characters"],
    [
      "ENCRYPTION_KEY",
      Buffer.alloc(16).toString("base64"),
      "Configuration error: ENCRYPTION_KEY must be 32 random bytes encoded as base64",
    ],
    [
      "ENCRYPTION_KEY",
      "not base64 at all!!",
      "Configuration error: ENCRYPTION_KEY must be 32 random bytes encoded as base64",
    ],
    [
      "POSTSCRIPT_API_BASE_URL",
      "api.postscript.io",
      "Configuration error: POSTSCRIPT_API_BASE_URL must be an http(s) URL",
    ],
    ["SHOPIFY_API_SECRET", undefined, "Configuration error: SHOPIFY_API_SECRET is required"],
    ["SHOPIFY_API_KEY", undefined, "Configuration error: SHOPIFY_API_KEY is required"],
    ["SHOPIFY_API_KEY", "has spaces", "Configuration error: SHOPIFY_API_KEY must be your Shopify app's client ID"],
    ["SCOPES", "read_products, read_orders", "Configuration error: SCOPES must be comma-separated Shopify scopes"],
    [
      "SHOPIFY_APP_URL",
      "signalboard.example.com",
      "Configuration error: SHOPIFY_APP_URL must be this app's public http(s) URL",
    ],
    ["INNGEST_SIGNING_KEY", undefined, "Configuration error: INNGEST_SIGNING_KEY is required unless INNGEST_DEV=1"],
    ["INNGEST_SIGNING_KEY", "nope", "Configuration error: INNGEST_SIGNING_KEY must look like signkey-prod-<hex>"],
  ])("names %s when it is %s", (name, value, message) => {
    expect(() => parseEnv({ ...valid, [name]: value })).toThrow(message);
  });

  it("gives one line and never repeats the bad value", () => {
    const secret = "super-secret-but-too-short";
    try {
      parseEnv({ ...valid, AUTH_SECRET: secret });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain(secret);
      expect(message.split("\n")).toHaveLength(1);
    }
  });

  it("refuses Inngest dev mode in a production build unless the test-only opt-in is set", () => {
    const { INNGEST_EVENT_KEY: _e, INNGEST_SIGNING_KEY: _s, ...rest } = valid;
    expect(() => parseEnv({ ...rest, INNGEST_DEV: "1", NODE_ENV: "production" })).toThrow(
      "Configuration error: INNGEST_DEV must not be 1 in production",
    );
    expect(
      parseEnv({ ...rest, INNGEST_DEV: "1", NODE_ENV: "production", TEST_ONLY_ALLOW_INNGEST_DEV_IN_PRODUCTION: "1" })
        .INNGEST_DEV,
    ).toBe("1");
  });

  it("reads TRUSTED_PROXY_HOPS as a small whole number, 0 by default", () => {
    expect(parseEnv(valid).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ ...valid, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ ...valid, TRUSTED_PROXY_HOPS: "-1" })).toThrow(
      "Configuration error: TRUSTED_PROXY_HOPS must be 0 or more",
    );
    expect(() => parseEnv({ ...valid, TRUSTED_PROXY_HOPS: "one" })).toThrow(
      "Configuration error: TRUSTED_PROXY_HOPS must be a whole number",
    );
  });

  it("needs no Inngest keys in dev mode", () => {
    const { INNGEST_EVENT_KEY: _e, INNGEST_SIGNING_KEY: _s, ...rest } = valid;
    expect(parseEnv({ ...rest, INNGEST_DEV: "1" }).INNGEST_DEV).toBe("1");
  });
});

describe("parseEnv: built-in SMS (Twilio)", () => {
  const twilio = {
    TWILIO_ACCOUNT_SID: `AC${"a1".repeat(16)}`,
    TWILIO_AUTH_TOKEN: "b2".repeat(16),
    TWILIO_MESSAGING_SERVICE_SID: `MG${"c3".repeat(16)}`,
  };

  it("accepts all three or none, and defaults the API to Twilio's", () => {
    expect(parseEnv({ ...valid, ...twilio }).TWILIO_API_BASE_URL).toBe("https://api.twilio.com");
    expect(parseEnv(valid).TWILIO_ACCOUNT_SID).toBeUndefined();
  });

  it.each([
    [
      { TWILIO_ACCOUNT_SID: "SK123" },
      "Configuration error: TWILIO_ACCOUNT_SID must be your Twilio Account SID: AC followed by 32 hex characters",
    ],
    [
      { TWILIO_AUTH_TOKEN: "secret" },
      "Configuration error: TWILIO_AUTH_TOKEN must be your Twilio Auth Token: 32 hex characters",
    ],
    [
      { TWILIO_MESSAGING_SERVICE_SID: "PN1" },
      "Configuration error: TWILIO_MESSAGING_SERVICE_SID must be a Messaging Service SID",
    ],
    [
      { TWILIO_MESSAGING_SERVICE_SID: undefined },
      "Configuration error: TWILIO_MESSAGING_SERVICE_SID is required with the other TWILIO_ settings",
    ],
  ])("refuses %o with a clear message", (change, message) => {
    expect(() => parseEnv({ ...valid, ...twilio, ...change })).toThrow(message);
  });
});
