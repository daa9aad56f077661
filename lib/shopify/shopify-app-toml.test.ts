import { readFileSync } from "node:fs";
import { AuthScopes } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCOPES } from "@/lib/env";
import { APP_PROXY_PATH_PREFIX } from "@/lib/storefront/sign-app-proxy-query";
import { OAUTH_CALLBACK_PATH } from "./begin-oauth";
import { SHOPIFY_API_VERSION } from "./shopify-app";
import { COMPLIANCE_TOPICS, SHOPIFY_TOPICS } from "./shopify-topics";

const toml = readFileSync(new URL("../../shopify.app.toml", import.meta.url), "utf8").replace(/^\s*#.*$/gm, "");

/** The quoted strings of every `key = [ ... ]` array (one or several lines) with this exact key. */
function arrays(key: string): string[][] {
  return [...toml.matchAll(new RegExp(`^\\s*${key}\\s*=\\s*\\[([^\\]]*)\\]`, "gm"))].map((m) =>
    [...m[1]!.matchAll(/"([^"]*)"/g)].map((q) => q[1]!),
  );
}

function value(key: string): string | undefined {
  return new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "m").exec(toml)?.[1];
}

function section(name: string): string {
  const start = toml.indexOf(`[${name}]`);
  if (start < 0) return "";
  const rest = toml.slice(start + name.length + 2);
  const end = rest.search(/^\s*\[/m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe("shopify.app.toml", () => {
  it("subscribes to exactly the topics Signalboard handles, the privacy ones as compliance_topics", () => {
    const topics = arrays("topics").flat();
    const compliance = arrays("compliance_topics").flat();
    expect([...topics, ...compliance].sort()).toEqual([...SHOPIFY_TOPICS].sort());
    expect(compliance.sort()).toEqual([...COMPLIANCE_TOPICS].sort());
    expect(new Set(topics).size).toBe(topics.length);
    expect([...toml.matchAll(/^\s*uri\s*=\s*"([^"]*)"/gm)].map((m) => m[1])).toEqual([
      "/api/webhooks/shopify",
      "/api/webhooks/shopify",
    ]);
  });

  it("uses the API version the library is configured with", () => {
    expect(section("webhooks")).toMatch(/api_version\s*=\s*"([^"]+)"/);
    expect(/api_version\s*=\s*"([^"]+)"/.exec(section("webhooks"))?.[1]).toBe(SHOPIFY_API_VERSION);
  });

  it("asks for every scope the features need", () => {
    const scopes = /scopes\s*=\s*"([^"]*)"/.exec(section("access_scopes"))?.[1];
    expect(scopes).toBeDefined();
    expect(new AuthScopes(scopes!).has(DEFAULT_SCOPES)).toBe(true);
  });

  it("is embedded, redirects OAuth to the callback route and proxies /apps/signalboard to the storefront API", () => {
    expect(toml).toMatch(/^embedded\s*=\s*true$/m);
    expect(value("client_id")).toBeTruthy();
    const appUrl = value("application_url");
    expect(arrays("redirect_urls").flat()).toContain(`${appUrl}${OAUTH_CALLBACK_PATH}`);
    const proxy = section("app_proxy");
    expect(/url\s*=\s*"([^"]*)"/.exec(proxy)?.[1]).toBe(`${appUrl}/api/storefront`);
    const prefix = /prefix\s*=\s*"([^"]*)"/.exec(proxy)?.[1];
    const subpath = /subpath\s*=\s*"([^"]*)"/.exec(proxy)?.[1];
    expect(`/${prefix}/${subpath}`).toBe(APP_PROXY_PATH_PREFIX);
  });
});
