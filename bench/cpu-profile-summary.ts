/**
 * Where a V8 CPU profile's time goes (the .cpuprofile `BENCH_CPU_PROF=<dir>` makes a benchmark's server write):
 * self time summed by package (node_modules/<name>, our own code, Node internals, GC, idle) and the top functions.
 *   tsx bench/cpu-profile-summary.ts /tmp/prof/CPU.*.cpuprofile [--top 30]
 */
import { readFileSync } from "node:fs";
import { argValue } from "./support/bench-environment";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const file = process.argv.slice(2).find((arg) => !arg.startsWith("--") && arg.endsWith(".cpuprofile"));
if (!file) throw new Error("usage: tsx bench/cpu-profile-summary.ts <file.cpuprofile> [--top N]");
const top = Number(argValue("top", "30"));
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

/** The bucket a frame's self time counts in: a package, our code, Node's internals, or V8's own entries. */
function bucket({ functionName, url }: Node["callFrame"]): string {
  if (!url) return `(${functionName || "anonymous"})`;
  const inModules = url.lastIndexOf("node_modules/");
  if (inModules >= 0) {
    const rest = url.slice(inModules + "node_modules/".length).split("/");
    const name = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    // Next's compiled copies of other packages (its bundled React, its OTel wrapper) are told apart.
    if (name === "next" && rest[1] === "dist" && rest[2] === "compiled") return `next/compiled/${rest[3]}`;
    return name === "next" ? `next/${rest[2] ?? ""}` : name;
  }
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  if (url.includes("/.next-bench/") || url.includes("/.next/")) return "app bundle (our code and what Next bundled)";
  return url;
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);

const sum = (key: (node: Node) => string) => {
  const sums = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const name = key(byId.get(id)!);
    sums.set(name, (sums.get(name) ?? 0) + micros);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
};
const pct = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
const idle = sum((node) => (node.callFrame.functionName === "(idle)" ? "idle" : "busy"));
console.log(`${(total / 1e6).toFixed(1)} s sampled; ${idle.map(([k, v]) => `${k} ${pct(v)}`).join(", ")}`);
console.log("\nself time by package:");
for (const [name, micros] of sum((node) => bucket(node.callFrame)).slice(0, top))
  console.log(`${pct(micros)}  ${name}`);
console.log("\nself time by function:");
const fn = (node: Node) =>
  `${node.callFrame.functionName || "(anonymous)"}  ${bucket(node.callFrame)}:${node.callFrame.lineNumber + 1}`;
for (const [name, micros] of sum(fn).slice(0, top)) console.log(`${pct(micros)}  ${name}`);
