import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

// `next dev` reads these, highest precedence first; the dev command must see the same values before Next starts,
// or a DATABASE_URL in .env.local would be ignored in favour of the embedded database.
const DEV_ENV_FILES = [".env.development.local", ".env.local", ".env.development", ".env"];

/**
 * The variables the project's .env files define for development, merged the way Next.js merges them
 * (the first file that sets a name wins). The real environment still beats all of them; that is the caller's job.
 * Unlike Next.js it does not expand `$OTHER` references, which the variables the dev command reads never need.
 */
export function readEnvFiles(dir: string): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const name of DEV_ENV_FILES) {
    let text: string;
    try {
      text = readFileSync(path.join(dir, name), "utf8");
    } catch {
      continue;
    }
    for (const [key, value] of Object.entries(parseEnv(text))) {
      if (value !== undefined && !(key in merged)) merged[key] = value;
    }
  }
  return merged;
}
