import { mkdtemp, readFile, rm, stat, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { DEV_SECRET_NAMES, ensureDevSecrets, generateDevSecrets } from "./ensure-dev-secrets";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dev-secrets-"));
  file = path.join(dir, ".data", "dev-secrets.json");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("generateDevSecrets", () => {
  it("produces values lib/env.ts accepts, different every time", () => {
    const a = generateDevSecrets();
    const b = generateDevSecrets();
    expect(() =>
      parseEnv({
        ...a,
        DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
        SHOPIFY_API_KEY: "signalboard-dev-client-id",
        INNGEST_DEV: "1",
      }),
    ).not.toThrow();
    expect(Buffer.from(a.ENCRYPTION_KEY, "base64")).toHaveLength(32);
    for (const name of DEV_SECRET_NAMES) expect(a[name]).not.toBe(b[name]);
  });
});

describe("ensureDevSecrets", () => {
  it("generates the missing secrets once, stores them with mode 0600 and reuses them", async () => {
    const first = await ensureDevSecrets(file, {});
    expect(first.generated).toEqual([...DEV_SECRET_NAMES]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(first.secrets);

    const second = await ensureDevSecrets(file, {});
    expect(second.generated).toEqual([]);
    expect(second.secrets).toEqual(first.secrets);
  });

  it("lets the environment win without storing its values", async () => {
    const stored = (await ensureDevSecrets(file, {})).secrets;
    const result = await ensureDevSecrets(file, { AUTH_SECRET: "x".repeat(40) });
    expect(result.secrets.AUTH_SECRET).toBe("x".repeat(40));
    expect(result.fromEnvironment).toEqual(["AUTH_SECRET"]);
    expect(result.secrets.ENCRYPTION_KEY).toBe(stored.ENCRYPTION_KEY);
    expect(JSON.parse(await readFile(file, "utf8")).AUTH_SECRET).toBe(stored.AUTH_SECRET);
  });

  it("writes nothing when the environment provides every secret", async () => {
    const env = generateDevSecrets();
    const result = await ensureDevSecrets(file, env);
    expect(result.secrets).toEqual(env);
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("adds only the missing names to an existing file and keeps unknown keys", async () => {
    await ensureDevSecrets(file, {});
    const before = JSON.parse(await readFile(file, "utf8"));
    delete before.SHOPIFY_API_SECRET;
    await writeFile(file, JSON.stringify({ ...before, NOTE: "mine" }));
    const result = await ensureDevSecrets(file, {});
    expect(result.generated).toEqual(["SHOPIFY_API_SECRET"]);
    const after = JSON.parse(await readFile(file, "utf8"));
    expect(after).toMatchObject({
      AUTH_SECRET: before.AUTH_SECRET,
      ENCRYPTION_KEY: before.ENCRYPTION_KEY,
      NOTE: "mine",
    });
  });

  it("tightens a file that was readable by others", async () => {
    await ensureDevSecrets(file, {});
    await chmod(file, 0o644);
    await ensureDevSecrets(file, {});
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("refuses to replace a malformed stored key, since that would orphan encrypted data", async () => {
    await ensureDevSecrets(file, {});
    const stored = JSON.parse(await readFile(file, "utf8"));
    await writeFile(file, JSON.stringify({ ...stored, ENCRYPTION_KEY: "too-short" }));
    await expect(ensureDevSecrets(file, {})).rejects.toThrow(/ENCRYPTION_KEY .* is malformed/);
    await writeFile(file, "{not json");
    await expect(ensureDevSecrets(file, {})).rejects.toThrow(/not a JSON object/);
  });
});
