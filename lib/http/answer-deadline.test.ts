import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPostscriptClient } from "@/lib/postscript/postscript-client";
import { PostscriptError } from "@/lib/postscript/postscript-error";

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A Postscript stand-in for keywords: answers at once (then, with `busyMs`, keeps this process busy), or never. */
async function keywordsServer(answer: { busyMs: number } | "never"): Promise<string> {
  server = createServer((_request, response) => {
    if (answer === "never") return;
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ keywords: [] }));
    // The answer is on its way; this process then does something else for longer than the caller's timeout.
    const until = performance.now() + answer.busyMs;
    while (performance.now() < until);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/v2`;
}

const client = (baseUrl: string) =>
  createPostscriptClient({ apiKey: "sk_sandbox_deadline_test", baseUrl, timeoutMs: 300 });

describe("an outside call's answer deadline", () => {
  it("reads an answer that arrived while the process was too busy to read it, instead of timing it out", async () => {
    const baseUrl = await keywordsServer({ busyMs: 600 });
    await expect(client(baseUrl).listKeywords()).resolves.toEqual([]);
  });

  it("still gives up on a server that never answers, close to the timeout", async () => {
    const baseUrl = await keywordsServer("never");
    const started = performance.now();
    const error = await client(baseUrl)
      .listKeywords()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PostscriptError);
    expect((error as PostscriptError).kind).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
