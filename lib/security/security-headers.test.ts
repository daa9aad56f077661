import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { jsonNestingDepth } from "./json-nesting-depth";
import { contentSecurityPolicy, frameAncestors } from "./security-headers";

const framing = (pathname: string, shopParam: string | null = null, shopCookie?: string, standinUrl?: string) =>
  frameAncestors({ pathname, shopParam, shopCookie, standinUrl });

describe("frameAncestors", () => {
  it("lets the shop's admin and admin.shopify.com frame the dashboard and the embedded entry", () => {
    expect(framing("/", "northwind.myshopify.com")).toBe("https://northwind.myshopify.com https://admin.shopify.com");
    expect(framing("/shops/abc/setup", null, "northwind.myshopify.com")).toBe(
      "https://northwind.myshopify.com https://admin.shopify.com",
    );
    expect(framing("/auth/shopify/bounce", "a-b.myshopify.com")).toBe(
      "https://a-b.myshopify.com https://admin.shopify.com",
    );
  });

  it("adds the stand-in's origin when configured, and prefers the shop parameter over the cookie", () => {
    expect(framing("/", "one.myshopify.com", "two.myshopify.com", "http://127.0.0.1:4020/admin")).toBe(
      "https://one.myshopify.com https://admin.shopify.com http://127.0.0.1:4020",
    );
    expect(framing("/", null, undefined, "http://127.0.0.1:4020")).toBe("http://127.0.0.1:4020");
  });

  it("is 'none' for a shop that is not a myshopify domain, and without any shop", () => {
    for (const shop of [
      "evil.example",
      "x.myshopify.com.evil.example",
      "https://x.myshopify.com",
      "x.myshopify.com evil.example",
      "*.myshopify.com",
    ]) {
      expect(framing("/", shop, shop)).toBe("'none'");
    }
    expect(framing("/shops/abc")).toBe("'none'");
  });

  it("is 'none' for the support console, sign-in, the portal, the storefront preview and APIs, whatever the shop", () => {
    for (const path of [
      "/support",
      "/support/shops/x",
      "/sign-in",
      "/edit/token",
      "/storefront-preview",
      "/api/inngest",
      "/shopsX",
    ]) {
      expect(framing(path, "northwind.myshopify.com", "northwind.myshopify.com", "http://127.0.0.1:4020")).toBe(
        "'none'",
      );
    }
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the nonce (and App Bridge), eval only in dev, upgrades only over https", () => {
    const policy = contentSecurityPolicy({
      nonce: "abc",
      frameAncestors: "'none'",
      appBridgeUrl: "https://cdn.shopify.com/shopifycloud/app-bridge.js",
      dev: false,
      https: true,
    });
    expect(policy).toContain(
      "script-src 'self' 'nonce-abc' 'strict-dynamic' https://cdn.shopify.com/shopifycloud/app-bridge.js;",
    );
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("upgrade-insecure-requests");
    const dev = contentSecurityPolicy({
      nonce: "abc",
      frameAncestors: "'none'",
      appBridgeUrl: "http://127.0.0.1:4020/app-bridge.js",
      dev: true,
      https: false,
    });
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).not.toContain("upgrade-insecure-requests");
  });
});

describe("jsonNestingDepth", () => {
  it("counts brackets outside strings only", () => {
    expect(jsonNestingDepth(`[{"shopId":"a","name":"[[[{{{"}]`)).toBe(2);
    expect(jsonNestingDepth(`["a\\"[[["]`)).toBe(1);
    expect(jsonNestingDepth("[".repeat(5000) + "]".repeat(5000))).toBe(5000);
    expect(jsonNestingDepth("plain")).toBe(0);
  });
});

describe("proxy", () => {
  it("gives each page request its own nonce, in the response's CSP and the request's copy Next reads", async () => {
    const first = await proxy(new NextRequest("http://app.test/support"));
    const second = await proxy(new NextRequest("http://app.test/support"));
    const nonce = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce(first)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonce(first)).not.toBe(nonce(second));
    // NextResponse.next({ request: { headers } }) hands the changed request headers to Next as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce(first));
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(
      first.headers.get("content-security-policy"),
    );
    expect(first.headers.get("x-frame-options")).toBe("DENY");
  });

  it("lets Shopify's admin frame the dashboard for a valid shop, without X-Frame-Options", async () => {
    const response = await proxy(new NextRequest("http://app.test/?shop=northwind.myshopify.com&host=abc"));
    expect(response.headers.get("content-security-policy")).toContain(
      "frame-ancestors https://northwind.myshopify.com https://admin.shopify.com",
    );
    expect(response.headers.get("x-frame-options")).toBeNull();
  });

  it("answers 400 to a server-action call nested far too deep (React's decoder would overflow: 500)", async () => {
    const deep = `[${"[".repeat(100_000)}${"]".repeat(100_000)}]`;
    const request = new NextRequest("http://app.test/shops/abc/setup", {
      method: "POST",
      headers: { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8" },
      body: deep,
    });
    const response = await proxy(request);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("This request is nested too deeply to be read.");
    const normal = new NextRequest("http://app.test/shops/abc/setup", {
      method: "POST",
      headers: { "next-action": "7f00" },
      body: JSON.stringify([{ shopId: "abc", name: "x" }]),
    });
    expect((await proxy(normal)).status).toBe(200);
  });
});
