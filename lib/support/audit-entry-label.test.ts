import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditEntryLabel } from "./audit-entry-label";

const LIB = path.join(process.cwd(), "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every action id the app writes: the dotted literals on lines that record an audit entry. */
function recordedActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of sourceFiles(LIB)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!/udit\(|action: "/.test(line)) continue;
      for (const match of line.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) actions.add(match[1]!);
    }
  }
  return actions;
}

describe("audit log labels", () => {
  it("gives every action the app records a label in words, never the raw id", () => {
    const actions = recordedActions();
    expect(actions.size).toBeGreaterThan(25);
    const raw = [...actions].filter((action) => auditEntryLabel(action) === action);
    expect(raw).toEqual([]);
  });
});
