import { describe, expect, it } from "vitest";
import { signAppProxyQuery } from "@/lib/storefront/sign-app-proxy-query";
import { computeAppProxySignature, verifyAppProxySignature } from "./verify-app-proxy";

// Shopify's documented example (shopify.dev → Authenticate app proxies): secret "hush", repeated `extra`.
const DOCS_QUERY =
  "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555";
const DOCS_SIGNATURE = "4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";
const DOCS_TIME = new Date(1317327555 * 1000);

const SECRET = "shpss_unit_secret";

describe("verifyAppProxySignature", () => {
  it("computes Shopify's documented signature (repeated values joined by commas, sorted, no separator)", () => {
    expect(computeAppProxySignature(new URLSearchParams(DOCS_QUERY), "hush")).toBe(DOCS_SIGNATURE);
    expect(
      verifyAppProxySignature(new URLSearchParams(`${DOCS_QUERY}&signature=${DOCS_SIGNATURE}`), "hush", DOCS_TIME),
    ).toEqual({ ok: true });
  });

  it("ignores the order parameters arrive in, and accepts an upper-case hex signature", () => {
    const shuffled = new URLSearchParams(
      `signature=${DOCS_SIGNATURE.toUpperCase()}&timestamp=1317327555&path_prefix=%2Fapps%2Fawesome_reviews&extra=1&logged_in_customer_id=1&shop=shop-name.myshopify.com&extra=2`,
    );
    expect(verifyAppProxySignature(shuffled, "hush", DOCS_TIME)).toEqual({ ok: true });
  });

  it("accepts a query signed as Shopify signs it, with an empty logged_in_customer_id", () => {
    const now = new Date();
    const query = signAppProxyQuery({ shop: "a.myshopify.com", now }, SECRET);
    expect(query.get("logged_in_customer_id")).toBe("");
    expect(verifyAppProxySignature(query, SECRET, now)).toEqual({ ok: true });
  });

  it("refuses a missing, empty, malformed or duplicated signature", () => {
    const now = new Date();
    const query = signAppProxyQuery({ shop: "a.myshopify.com", now }, SECRET);
    const without = new URLSearchParams(query);
    without.delete("signature");
    expect(verifyAppProxySignature(without, SECRET, now)).toEqual({ ok: false, reason: "missing signature" });

    const empty = new URLSearchParams(query);
    empty.set("signature", "");
    expect(verifyAppProxySignature(empty, SECRET, now)).toMatchObject({ ok: false, reason: "missing signature" });

    const short = new URLSearchParams(query);
    short.set("signature", "abc123");
    expect(verifyAppProxySignature(short, SECRET, now)).toMatchObject({ ok: false, reason: "malformed signature" });

    const twice = new URLSearchParams(query);
    twice.append("signature", query.get("signature")!);
    expect(verifyAppProxySignature(twice, SECRET, now)).toMatchObject({ ok: false });
  });

  it("refuses a correctly signed query that repeats one of Shopify's own parameters (two shops)", () => {
    const now = new Date();
    const query = new URLSearchParams(
      [["shop", "victim.myshopify.com"], ...signAppProxyQuery({ shop: "a.myshopify.com", now }, SECRET)].filter(
        ([k]) => k !== "signature",
      ),
    );
    query.set("signature", computeAppProxySignature(query, SECRET));
    expect(verifyAppProxySignature(query, SECRET, now)).toEqual({ ok: false, reason: "more than one shop" });
  });

  it("refuses a wrong secret and any tampered parameter", () => {
    const now = new Date();
    const query = signAppProxyQuery({ shop: "a.myshopify.com", now }, SECRET);
    expect(verifyAppProxySignature(query, "another-secret", now)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifyAppProxySignature(query, "", now)).toMatchObject({ ok: false });

    for (const [key, value] of [
      ["shop", "b.myshopify.com"],
      ["logged_in_customer_id", "42"],
      ["path_prefix", "/apps/other"],
      ["timestamp", String(Number(query.get("timestamp")) - 1)],
    ] as const) {
      const tampered = new URLSearchParams(query);
      tampered.set(key, value);
      expect(verifyAppProxySignature(tampered, SECRET, now), key).toEqual({ ok: false, reason: "signature mismatch" });
    }
    const extra = new URLSearchParams(query);
    extra.append("variant", "1");
    expect(verifyAppProxySignature(extra, SECRET, now)).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("refuses a replayed signature older than 5 minutes, and one more than a minute in the future", () => {
    const signedAt = new Date("2025-06-01T12:00:00Z");
    const query = signAppProxyQuery({ shop: "a.myshopify.com", now: signedAt }, SECRET);
    const at = (seconds: number) => new Date(signedAt.getTime() + seconds * 1000);

    expect(verifyAppProxySignature(query, SECRET, at(0))).toEqual({ ok: true });
    expect(verifyAppProxySignature(query, SECRET, at(300))).toEqual({ ok: true });
    expect(verifyAppProxySignature(query, SECRET, at(301))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/expired/),
    });
    expect(verifyAppProxySignature(query, SECRET, at(86_400))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/expired/),
    });
    expect(verifyAppProxySignature(query, SECRET, at(-60))).toEqual({ ok: true });
    expect(verifyAppProxySignature(query, SECRET, at(-61))).toMatchObject({
      ok: false,
      reason: "timestamp in the future",
    });
  });

  it("refuses a correctly signed query without a usable timestamp", () => {
    const now = new Date();
    for (const timestamp of [null, "", "soon", "1.5e9", "-5"]) {
      const query = new URLSearchParams({ shop: "a.myshopify.com", path_prefix: "/apps/x" });
      if (timestamp !== null) query.set("timestamp", timestamp);
      query.set("signature", computeAppProxySignature(query, SECRET));
      expect(verifyAppProxySignature(query, SECRET, now), String(timestamp)).toEqual({
        ok: false,
        reason: "missing or malformed timestamp",
      });
    }
  });
});
