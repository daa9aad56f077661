import { describe, expect, it } from "vitest";
// @ts-expect-error next.config.js is plain JavaScript (Next reads it before any TypeScript tooling runs)
import nextConfig from "@/next.config.js";

describe("next.config.js logging (dev logs hold no secret or personal data)", () => {
  it("turns off server-function logging, which prints every argument (connectPostscriptAction({apiKey}))", () => {
    expect(nextConfig.logging).toMatchObject({ serverFunctions: false });
  });

  it("leaves out request lines with a portal token or a query string, and keeps the others", () => {
    const ignore: RegExp[] = nextConfig.logging.incomingRequests.ignore;
    const logged = (url: string) => !ignore.some((pattern) => pattern.test(url));
    expect(logged("/edit/eyJvcmRlciI6IjEyMyJ9.sig")).toBe(false);
    expect(logged("/shops/abc/activity?q=%2B14155552671")).toBe(false);
    expect(logged("/support/shops/abc?recipient=jamie%40example.com")).toBe(false);
    expect(logged("/shops/abc/setup")).toBe(true);
  });

  it("sends Permissions-Policy everywhere and never frames an API answer", async () => {
    const rules = await nextConfig.headers();
    const all = rules.find((r: { source: string }) => r.source === "/:path*").headers;
    expect(all.find((h: { key: string }) => h.key === "Permissions-Policy").value).toContain("camera=()");
    expect(all.some((h: { key: string }) => h.key === "X-Frame-Options")).toBe(false);
    const api = rules.find((r: { source: string }) => r.source === "/api/:path*").headers;
    expect(api).toContainEqual({ key: "X-Frame-Options", value: "DENY" });
  });
});
