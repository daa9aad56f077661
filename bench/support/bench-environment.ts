import { randomBytes } from "node:crypto";
import { migrate } from "@/lib/db/migrate";
import { createTestDatabase, dropTestDatabase, testDatabaseUrl } from "@/lib/testing/test-database";

/**
 * A throwaway migrated database (on TEST_DATABASE_ADMIN_URL's server, default the local PostgreSQL) and the
 * environment the app's modules need, set before any of them is imported. Returns a cleanup that drops it, unless
 * `keep` (the database outlives the run) or `reuse` names an existing database (migrated up to date, never dropped).
 */
export async function startBenchEnvironment(
  prefix: string,
  { keep = false, reuse }: { keep?: boolean; reuse?: string } = {},
): Promise<{ databaseUrl: string; cleanup: () => Promise<void> }> {
  let databaseUrl: string;
  if (reuse) {
    databaseUrl = testDatabaseUrl(reuse);
    await migrate(databaseUrl);
  } else {
    databaseUrl = await createTestDatabase(prefix);
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64");
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.SHOPIFY_API_KEY ??= "bench-client-id";
  process.env.SHOPIFY_API_SECRET ??= "bench_secret";
  process.env.INNGEST_DEV ??= "1";
  // As instrumentation.ts does for the server: benchmarks that deliver in-process need the features' hooks.
  const { registerFeatureDeliveryHooks } = await import("@/lib/register-feature-delivery-hooks");
  registerFeatureDeliveryHooks();
  return {
    databaseUrl,
    cleanup: async () => {
      const { prisma } = await import("@/lib/db/prisma");
      await prisma.$disconnect();
      if (keep || reuse) console.log(`kept database ${new URL(databaseUrl).pathname.slice(1)}`);
      else await dropTestDatabase(databaseUrl);
    },
  };
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `--name value` or `--name=value` from argv, else the fallback. */
export function argValue(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] && !args[at + 1]!.startsWith("--") ? args[at + 1]! : fallback;
}

export const hasFlag = (name: string) => process.argv.slice(2).includes(`--${name}`);
