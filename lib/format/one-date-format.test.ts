import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Ways of writing a moment that bypass formatShopTime: the browser's or server's own zone and format.
const BYPASSES = [
  /\.toLocaleDateString\(/,
  /\.toLocaleTimeString\(/,
  /new Date\([^)]*\)\.toLocaleString\(/,
  /\.toUTCString\(/,
  /new Intl\.DateTimeFormat\(/,
];

// Intl used to compute, not to write a moment for a person.
const COMPUTES = new Set([
  join("lib", "quiet-hours", "quiet-hours-end.ts"), // reads the recipient's local hour
  join("lib", "reports", "report-range.ts"), // today's date in the shop's zone, for the range
  join("lib", "reports", "safe-time-zone.ts"), // checks that Intl knows a zone name
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    // Stand-ins write dates the way the services they imitate do (Twilio's RFC 2822 dates, for one).
    if (e.isDirectory()) return ["generated", "shopify-standin", "sandbox"].includes(e.name) ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe("one date format", () => {
  it("writes every moment in pages, components and checks through formatShopTime (the shop's zone)", () => {
    const offenders = ["app", "components", "lib"]
      .flatMap(sources)
      .filter((file) => !file.startsWith(join("lib", "format")) && !COMPUTES.has(file))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
          .filter(({ line }) => BYPASSES.some((re) => re.test(line))),
      );
    expect(offenders.map((o) => `${o.where}: ${o.line.trim()}`)).toEqual([]);
  });
});
