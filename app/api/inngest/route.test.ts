import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";

describe("PUT /api/inngest (function sync)", () => {
  it("registers the configured app origin, whatever Host header the unsigned request carries", async () => {
    const registered: { url?: string }[] = [];
    const inngestApi = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        if (req.url?.startsWith("/fn/register")) registered.push(JSON.parse(body) as { url?: string });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok: true, modified: true }));
      });
    });
    await new Promise<void>((resolve) => inngestApi.listen(0, "127.0.0.1", resolve));
    // The client reads where Inngest lives when it is built, so point it at the recorder before importing the route.
    const inngestUrl = `http://127.0.0.1:${(inngestApi.address() as AddressInfo).port}`;
    process.env.INNGEST_BASE_URL = inngestUrl;
    try {
      const { PUT } = await import("./route");
      const { NextRequest } = await import("next/server");
      await PUT(
        new NextRequest("http://evil.example/api/inngest", { method: "PUT", headers: { host: "evil.example" } }),
        undefined as never,
      );
      expect(registered.map((r) => r.url)).toEqual([
        `${new URL(process.env.SHOPIFY_APP_URL ?? "http://localhost:3000").origin}/api/inngest`,
      ]);
    } finally {
      delete process.env.INNGEST_BASE_URL;
      inngestApi.close();
    }
  });
});
