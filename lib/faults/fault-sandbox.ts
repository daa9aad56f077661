import { randomInt } from "node:crypto";
import { createSandbox } from "@/lib/postscript/sandbox/create-sandbox";

// Below Linux's ephemeral range (32768+), so no outgoing connection takes the port while the sandbox is stopped.
const PORT_RANGE = [20_000, 32_000] as const;

/**
 * A Postscript sandbox for fault tests that can also be unplugged: `stop()` closes its port (every request
 * then fails with ECONNREFUSED, as when Postscript is unreachable) and `start()` opens the same port again with
 * the same state (inbox, accounts). Points this process's app code at it, like startTestSandbox; the URL also
 * works from child processes. Call it before any code reads lib/env.
 */
export async function startFaultSandbox(options: { timeoutMs: number; rateLimitPerSecond?: number; seed?: number }) {
  const sandbox = createSandbox({ rateLimitPerSecond: options.rateLimitPerSecond, seed: options.seed ?? 7 });
  let running: Awaited<ReturnType<typeof sandbox.listen>> | null = null;
  let port = 0;
  for (let attempt = 0; !running; attempt++) {
    port = randomInt(PORT_RANGE[0], PORT_RANGE[1]);
    try {
      running = await sandbox.listen(port);
    } catch (error) {
      if ((error as { code?: string }).code !== "EADDRINUSE" || attempt >= 20) throw error;
    }
  }
  process.env.POSTSCRIPT_API_BASE_URL = running.apiBaseUrl;
  process.env.KLAVIYO_API_BASE_URL = running.klaviyoApiBaseUrl;
  process.env.POSTSCRIPT_TIMEOUT_MS = String(options.timeoutMs);
  const { apiBaseUrl } = running;

  return {
    state: sandbox.state,
    apiBaseUrl,
    /** Unplugs it: the port is closed and connections refused until `start()`. Call while no request is in flight. */
    async stop(): Promise<void> {
      await running?.close();
      running = null;
    },
    /** Plugs it back in on the same port. */
    async start(): Promise<void> {
      running ??= await sandbox.listen(port);
    },
    async close(): Promise<void> {
      await running?.close();
      running = null;
    },
  };
}

export type FaultSandbox = Awaited<ReturnType<typeof startFaultSandbox>>;
