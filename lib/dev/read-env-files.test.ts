import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEnvFiles } from "./read-env-files";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "env-files-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readEnvFiles", () => {
  it("returns nothing when there are no env files", () => {
    expect(readEnvFiles(dir)).toEqual({});
  });

  it("merges the files with Next.js's development precedence", async () => {
    await writeFile(path.join(dir, ".env"), "A=env\nB=env\nC=env\nD=env\n");
    await writeFile(path.join(dir, ".env.development"), "A=development\nB=development\nC=development\n");
    await writeFile(path.join(dir, ".env.local"), "A=local\nB=local\n");
    await writeFile(path.join(dir, ".env.development.local"), 'A="development local"\n# comment\n');
    expect(readEnvFiles(dir)).toEqual({ A: "development local", B: "local", C: "development", D: "env" });
  });
});
