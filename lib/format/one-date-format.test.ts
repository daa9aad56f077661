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

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "shopify-standin" ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe("one date format", () => {
  it("writes every moment in pages, components and checks through formatShopTime (the shop's zone)", () => {
    const offenders = ["app", "components", "lib"]
      .flatMap(sources)
      .filter((file) => file !== join("lib", "format", "format-shop-time.ts"))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
          .filter(({ line }) => BYPASSES.some((re) => re.test(line))),
      );
    expect(offenders.map((o) => `${o.where}: ${o.line.trim()}`)).toEqual([]);
  });
});
