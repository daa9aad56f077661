import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";

/** Where the benchmarks' production build goes, apart from `.next` (dev) and the e2e builds. */
export const BENCH_DIST_DIR = process.env.NEXT_DIST_DIR || ".next-bench";

const nextBin = path.join("node_modules", "next", "dist", "bin", "next");

/**
 * `next build` into BENCH_DIST_DIR. Next rewrites tsconfig.json and next-env.d.ts to mention the build folder:
 * they are put back afterwards so a benchmark leaves the checkout as it found it (next-env.d.ts is git-ignored
 * and absent from a fresh clone, so it is only put back if it was there).
 */
export function buildNext(): void {
  const kept = ["tsconfig.json", "next-env.d.ts"]
    .filter((file) => existsSync(file))
    .map((file) => ({ file, text: readFileSync(file, "utf8") }));
  console.log(`building the app (next build → ${BENCH_DIST_DIR}) …`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const { file, text } of kept) writeFileSync(file, text);
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * The environment `next start` runs with against a benchmark's database: the secrets startBenchEnvironment put in
 * this process's environment, the local job runner (INNGEST_DEV=1), the app's own URL, then `overrides`.
 */
export function appEnv(
  port: number,
  databaseUrl: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: process.env.AUTH_SECRET!,
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY!,
    SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY!,
    SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET!,
    INNGEST_DEV: "1",
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    ...overrides,
  };
}

export type RunningNext = { url: string; pid: number; stop: () => Promise<void>; kill: () => Promise<void> };

/**
 * `next start` on the build, with the given environment; resolves once it answers. Benchmarks run the production
 * build against local stand-ins for Inngest, so they opt in to INNGEST_DEV=1 there (refused in production otherwise).
 */
export async function startNext(port: number, env: Record<string, string>): Promise<RunningNext> {
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (where a benchmark's time goes).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_CPU_PROF] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        ...env,
        NEXT_DIST_DIR: BENCH_DIST_DIR,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        TEST_ONLY_ALLOW_INNGEST_DEV_IN_PRODUCTION: "1",
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  // A crash: no cleanup at all.
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null)
      throw new Error(
        `next start exited (${child.exitCode}): is there a build in ${BENCH_DIST_DIR}? Run without --no-build.`,
      );
    const up = await fetch(`${url}/sign-in`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, pid: child.pid!, stop, kill };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error("next start did not answer within 60 s");
}

/**
 * Stands in for Inngest's event API (`POST /e/<key>`), as production would receive the app's events: it accepts
 * and counts them, so the app's answer time is what it is with a queue that keeps up.
 */
export async function startEventSink(): Promise<{
  url: string;
  events: { name: string; data: Record<string, unknown> }[];
  close: () => Promise<void>;
}> {
  const events: { name: string; data: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && req.url?.startsWith("/e/")) {
        const sent = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          name: string;
          data: Record<string, unknown>;
        }[];
        const batch = Array.isArray(sent) ? sent : [sent];
        events.push(...batch);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ids: batch.map((_, i) => `evt_${events.length - batch.length + i}`), status: 200 }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
