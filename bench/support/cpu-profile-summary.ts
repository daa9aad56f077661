/**
 * Where a V8 CPU profile's time went (the `.cpuprofile` that BENCH_CPU_PROF makes `next start` write): self time
 * per package (node_modules/<name>, else the bundle file, else V8's own rows such as "(garbage collector)") and per
 * function, busiest first, with the share of the non-idle time.
 * Also prints how busy the thread was in each 5 s of the profile (a saturated thread is 1,000 ms/s): where a burst is.
 *   tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> [--top N] [--from S] [--to S]
 * --from / --to: only the samples between these seconds after the profile's start (the burst of a run, say).
 */
import { readFileSync } from "node:fs";
import { argValue } from "./bench-environment";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const file = process.argv[2];
if (!file) throw new Error("usage: tsx bench/support/cpu-profile-summary.ts <file.cpuprofile> [--top N]");
const top = Number(argValue("top", "25"));
const fromUs = Number(argValue("from", "0")) * 1e6;
const toUs = Number(argValue("to", "Infinity")) * 1e6;
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

/** The package a frame belongs to: its node_modules package, else its file (our code is bundled), else V8's label. */
function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith("node:")) return "node (built-in)";
  return url.replace(/^.*\/(\.next[^/]*\/)/, "$1");
}

const selfByPackage = new Map<string, number>();
const selfByFunction = new Map<string, number>();
const busyPerBucket: number[] = [];
const BUCKET_US = 5e6;
let busyUs = 0;
let atUs = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  atUs += us;
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(idle)") return;
  const bucket = Math.floor(atUs / BUCKET_US);
  busyPerBucket[bucket] = (busyPerBucket[bucket] ?? 0) + us;
  if (atUs < fromUs || atUs > toUs) return;
  busyUs += us;
  const pkg = packageOf(url, functionName);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + us);
  const fn = `${functionName || "(anonymous)"} ${pkg}:${lineNumber + 1}`;
  selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + us);
});

const wallMs = (profile.endTime - profile.startTime) / 1000;
console.log(`profile ${file}: ${wallMs.toFixed(0)} ms wall, ${(busyUs / 1000).toFixed(0)} ms on the CPU (selected)`);
console.log(
  `busy ms per s, each 5 s from the start: ${Array.from(busyPerBucket, (us) => ((us ?? 0) / 5_000).toFixed(0)).join(" ")}`,
);
for (const [title, totals] of [
  ["self time per package", selfByPackage],
  ["self time per function", selfByFunction],
] as const) {
  console.log(`\n${title}:`);
  for (const [name, us] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `  ${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)} %  ${name}`,
    );
  }
}
