import { after } from "next/server";
import { inngest } from "@/inngest/client";
import { EVENTS, type EventData, type EventKey } from "@/inngest/events";
import { env } from "@/lib/env";

const PROBE_TTL_MS = 10_000;
let probe: { at: number; reachable: boolean } | undefined;

// In dev mode the Inngest dev server may simply not exist (it cannot be downloaded here): ask it once every few
// seconds instead of letting every send wait for the SDK's own connection failure.
export async function devServerReachable(): Promise<boolean> {
  if (probe && Date.now() - probe.at < PROBE_TTL_MS) return probe.reachable;
  const base = process.env.INNGEST_BASE_URL ?? process.env.INNGEST_DEV_URL ?? "http://127.0.0.1:8288";
  const reachable = await fetch(base, { signal: AbortSignal.timeout(300) }).then(() => true, () => false);
  probe = { at: Date.now(), reachable };
  return reachable;
}

/** Runs `work` after the response is sent (or on the next turn outside a request); a failure is logged, never thrown. */
export function runAfterResponse(work: () => Promise<unknown>, label: string): void {
  const task = () =>
    work().catch((error: unknown) => {
      console.error(`[jobs] ${label} failed in-process:`, error instanceof Error ? error.message : error);
    });
  try {
    after(task);
  } catch {
    // Outside a request (scripts, tests) there is no `after`: run it on the next turn instead.
    setImmediate(() => void task());
  }
}

/**
 * Hands work to Inngest. With INNGEST_DEV=1 and no dev server running (the demo), the same work runs in this
 * process after the response instead, so every flow still happens; `local` must be what the Inngest function
 * for this event calls. In production a failed send throws, so the caller answers with an error and the
 * sender (Shopify) retries.
 */
export async function dispatch<K extends EventKey>(key: K, data: EventData<K>, local: () => Promise<unknown>): Promise<"inngest" | "local"> {
  const event = { name: EVENTS[key].name, data: EVENTS[key].data.parse(data) };
  if (env().INNGEST_DEV === "1" && !(await devServerReachable())) {
    runAfterResponse(local, event.name);
    return "local";
  }
  await inngest.send(event);
  return "inngest";
}
