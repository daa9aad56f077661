import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** The secrets the dev command can make up on its own; everything else needs a real account. */
export const DEV_SECRET_NAMES = ["AUTH_SECRET", "ENCRYPTION_KEY", "SHOPIFY_API_SECRET"] as const;
export type DevSecretName = (typeof DEV_SECRET_NAMES)[number];
export type DevSecrets = Record<DevSecretName, string>;

export interface EnsureDevSecretsResult {
  /** The value to use for each secret: the environment's when set, otherwise the stored or new one. */
  secrets: DevSecrets;
  /** Names generated (and stored) by this call, so the caller can say so once. */
  generated: DevSecretName[];
  /** Names taken from the environment rather than the file. */
  fromEnvironment: DevSecretName[];
}

const generators: Record<DevSecretName, () => string> = {
  AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  // Same format lib/env.ts demands: exactly 32 bytes, standard base64.
  ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
  // Only signs our own simulated webhooks in dev; real Shopify traffic needs the app's real client secret.
  SHOPIFY_API_SECRET: () => randomBytes(32).toString("hex"),
};

const validators: Record<DevSecretName, (value: string) => boolean> = {
  AUTH_SECRET: (v) => v.length >= 32,
  ENCRYPTION_KEY: (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, "base64").length === 32,
  SHOPIFY_API_SECRET: (v) => v.length > 0,
};

/** Fresh strong random values for every dev secret. */
export function generateDevSecrets(): DevSecrets {
  return Object.fromEntries(DEV_SECRET_NAMES.map((name) => [name, generators[name]()])) as DevSecrets;
}

async function readStored(file: string): Promise<Partial<Record<string, unknown>>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the same message as a non-object
  }
  // Regenerating would silently make every stored Postscript key undecryptable, so stop and let a person decide.
  throw new Error(`${file} is not a JSON object of secrets; fix it, or delete it (and .data/) to start over.`);
}

/**
 * Returns AUTH_SECRET, ENCRYPTION_KEY and SHOPIFY_API_SECRET for local development. Values set in `env` win;
 * the rest come from `file` or are generated once and written there (mode 0600), so data encrypted with
 * ENCRYPTION_KEY stays readable across restarts. A stored value that is malformed is an error, never replaced.
 */
export async function ensureDevSecrets(
  file: string,
  env: Record<string, string | undefined> = process.env,
): Promise<EnsureDevSecretsResult> {
  const stored = await readStored(file);
  const secrets = {} as DevSecrets;
  const generated: DevSecretName[] = [];
  const fromEnvironment: DevSecretName[] = [];
  const toStore: Record<string, unknown> = { ...stored };

  for (const name of DEV_SECRET_NAMES) {
    const fromEnv = env[name];
    if (fromEnv) {
      secrets[name] = fromEnv;
      fromEnvironment.push(name);
      continue;
    }
    const existing = stored[name];
    if (existing !== undefined) {
      if (typeof existing !== "string" || !validators[name](existing)) {
        throw new Error(`${name} in ${file} is malformed; fix it, or delete the file (and .data/) to start over.`);
      }
      secrets[name] = existing;
      continue;
    }
    secrets[name] = generators[name]();
    toStore[name] = secrets[name];
    generated.push(name);
  }

  if (generated.length > 0) {
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash mid-write never leaves a truncated file that would lose the encryption key.
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(toStore, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  }
  // The file may predate us or have been copied with a looser mode; it holds keys, so tighten it every time.
  if (generated.length > 0 || Object.keys(stored).length > 0) await chmod(file, 0o600);

  return { secrets, generated, fromEnvironment };
}
