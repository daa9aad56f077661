import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";

/** The database the test harness connects to in order to create and drop each run's own database. */
export const adminDatabaseUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A database name no other run uses, for createTestDatabase. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

/** The URL of a database on the test server (the admin URL with another database name). */
export function testDatabaseUrl(name: string): string {
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates a fresh, migrated database for one test run and returns its URL. */
export async function createTestDatabase(prefix: string, name = uniqueDatabaseName(prefix)): Promise<string> {
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = testDatabaseUrl(name);
  await migrate(url);
  return url;
}

/** Drops a database made by createTestDatabase, ending any connections still open to it. */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to drop unexpected database ${name}`);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
