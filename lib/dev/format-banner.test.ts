import { describe, expect, it } from "vitest";
import { formatBanner, redactUrl, type BannerInfo } from "./format-banner";

const base: BannerInfo = {
  appUrl: "http://localhost:3000",
  shopify: {
    standinUrl: "http://localhost:4020",
    stores: [
      {
        name: "Northwind Outfitters",
        adminUrl: "http://localhost:4020/store/northwind-outfitters/apps/dev-client",
        staff: "Maya Patel (owner), Lee Chen",
      },
    ],
  },
  supportAgent: { email: "support@signalboard.test", password: "demo-support-pass" },
  sandbox: {
    inboxUrl: "http://127.0.0.1:4010/sandbox",
    apiBaseUrl: "http://127.0.0.1:4010/api/v2",
    demoKey: "sk_sandbox_demo_key_0001",
    klaviyoDemoKey: "pk_sandbox_demo_key_0001",
  },
  postscriptApiBaseUrl: "http://127.0.0.1:4010/api/v2",
  database: {
    kind: "embedded",
    dataDir: ".data/pglite/",
    url: "postgresql://postgres:postgres@127.0.0.1:5433/postgres",
  },
  secretsFile: ".data/dev-secrets.json",
  dataRoot: ".data",
};

describe("formatBanner", () => {
  it("shows the app, each store's Shopify admin, the support sign-in, the sandbox inbox and key, and how to reset", () => {
    const text = formatBanner(base);
    expect(text).not.toContain("demo-merchant-pass");
    for (const expected of [
      "http://localhost:3000",
      "http://localhost:4020/store/northwind-outfitters/apps/dev-client",
      "Maya Patel (owner), Lee Chen",
      "http://localhost:3000/sign-in",
      "support@signalboard.test / demo-support-pass",
      "http://127.0.0.1:4010/sandbox",
      "sk_sandbox_demo_key_0001",
      ".data/pglite/",
      "delete .data/",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("names the real Postscript API and hides the database password when both are external", () => {
    const text = formatBanner({
      ...base,
      sandbox: undefined,
      postscriptApiBaseUrl: "https://api.postscript.io/api/v2",
      database: { kind: "external", url: "postgresql://app:s3cret@db.internal:5432/signalboard" },
    });
    expect(text).toContain("https://api.postscript.io/api/v2");
    expect(text).not.toContain("sk_sandbox_demo_key_0001");
    expect(text).not.toContain("s3cret");
    expect(text).toContain("db.internal:5432/signalboard");
    expect(text).not.toContain("delete .data/");
  });
});

describe("redactUrl", () => {
  it("masks only the password", () => {
    expect(redactUrl("postgresql://u:p@h:5432/d?sslmode=require")).toBe("postgresql://u:***@h:5432/d?sslmode=require");
    expect(redactUrl("postgresql://u@h/d")).toBe("postgresql://u@h/d");
    expect(redactUrl("not a url")).toBe("(unparseable URL)");
  });
});
