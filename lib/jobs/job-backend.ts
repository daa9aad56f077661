import { env } from "@/lib/env";

const PROBE_TTL_MS = 10_000;
let probe: { at: number; reachable: boolean } | undefined;

// In dev mode the Inngest dev server may simply not exist (it cannot be downloaded here): ask it once every few
// seconds instead of letting every send wait for the SDK's own connection failure.
async function devServerReachable(): Promise<boolean> {
  if (probe && Date.now() - probe.at < PROBE_TTL_MS) return probe.reachable;
  const base = process.env.INNGEST_BASE_URL ?? process.env.INNGEST_DEV_URL ?? "http://127.0.0.1:8288";
  const reachable = await fetch(base, { signal: AbortSignal.timeout(300) }).then(
    () => true,
    () => false,
  );
  probe = { at: Date.now(), reachable };
  return reachable;
}

/**
 * Which runner executes background jobs now: Inngest in production (event and signing keys set) and in dev mode
 * when an Inngest dev server answers; otherwise (INNGEST_DEV=1 without a dev server: the embedded demo,
 * single-machine installs, tests) the local runner on the PostgreSQL job table.
 */
export async function jobBackend(): Promise<"inngest" | "local"> {
  if (env().INNGEST_DEV !== "1") return "inngest";
  return (await devServerReachable()) ? "inngest" : "local";
}
