import { LogSeverity } from "@shopify/shopify-api";
import { describe, expect, it, vi } from "vitest";
import { redactSecrets, shopifyApp, shopifyBrowserUrl } from "./shopify-app";

describe("redactSecrets", () => {
  it("removes access, refresh and session tokens, codes and OAuth state from a log line", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl";
    const line = `token shpat_0123abcd refresh shprt_99ff online shpua_77 jwt ${jwt} {"access_token":"plain-token","code":"c0de"} {shop: a.myshopify.com, stateFromCookie: f850e9} ?state=abc&hmac=def`;
    const redacted = redactSecrets(line);
    for (const secret of [
      "shpat_0123abcd",
      "shprt_99ff",
      "shpua_77",
      jwt,
      "plain-token",
      "c0de",
      "f850e9",
      "abc",
      "def",
    ])
      expect(redacted).not.toContain(secret);
    expect(redacted).toContain("a.myshopify.com");
  });

  it("is what the library's logger prints through", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    shopifyApp().config.logger.log!(LogSeverity.Error, "Failed with shpat_leaky123");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).not.toContain("shpat_leaky123");
    warn.mockRestore();
  });
});

describe("shopifyBrowserUrl", () => {
  it("leaves every URL alone without a stand-in", () => {
    expect(process.env.SHOPIFY_STANDIN_URL).toBeUndefined();
    const url = "https://x.myshopify.com/admin/oauth/authorize?client_id=a";
    expect(shopifyBrowserUrl(url)).toBe(url);
  });
});
