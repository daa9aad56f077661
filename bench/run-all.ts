/**
 * Every benchmark, one after another, then their figures together.
 *   npm run bench                 # small sizes, a few minutes
 *   npm run bench -- --full       # the sizes of the goals (restock 5,000, fan-out 100,000, webhooks 60 s)
 * The Next build is made once here and shared by the webhook and dashboard benchmarks.
 */
import { spawn } from "node:child_process";
import { hasFlag } from "./support/bench-environment";
import { buildNext } from "./support/next-server";

const full = hasFlag("full");
const benches = [
  { file: "bench/restock-delivery.ts", args: [] as string[] },
  { file: "bench/plan-fanout.ts", args: [] },
  { file: "bench/catalog-sync.ts", args: [] },
  { file: "bench/webhook-intake.ts", args: ["--no-build"] },
  { file: "bench/dashboard-render.ts", args: ["--no-build"] },
  { file: "bench/mixed-load.ts", args: ["--no-build"] },
  { file: "bench/many-shops.ts", args: ["--no-build"] },
  { file: "bench/reports.ts", args: ["--no-build"] },
];

/** Runs one benchmark in its own process (each makes and drops its own database), echoing and keeping its output. */
function run(file: string, args: string[]): Promise<{ code: number; results: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", file, ...args, ...(full ? ["--full"] : [])], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const results: string[] = [];
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      results.push(...lines.filter((line) => line.startsWith("RESULT ")).map((line) => line.slice("RESULT ".length)));
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, results }));
  });
}

const started = performance.now();
buildNext();
const summary: string[] = [];
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench.file}${full ? " --full" : ""}`);
  const { code, results } = await run(bench.file, bench.args);
  if (code !== 0) failed++;
  summary.push(...(code === 0 ? results : [`${bench.file} FAILED (exit ${code})`]));
}
console.log(
  `\n=== summary (${full ? "full" : "small"} sizes, ${((performance.now() - started) / 60_000).toFixed(1)} min)`,
);
for (const line of summary) console.log(`  ${line}`);
process.exitCode = failed ? 1 : 0;
