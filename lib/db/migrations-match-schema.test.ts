import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase } from "@/lib/testing/test-database";
import { migrate, migrationsDir } from "./migrate";
import { schemaSql } from "./schema-sql";

// Partial indexes Prisma's schema cannot express, written by hand in their migration (and only there).
const HAND_WRITTEN_INDEXES = ["Job_running_per_key", "Delivery_open_by_waitlist_entry"];

// Everything Prisma's schema decides, read back from the catalog; row order is made stable by sorting.
async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((r) => JSON.stringify(r)).sort();
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      constraints: await q(`SELECT c.conname, c.contype, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        JOIN pg_namespace n ON n.oid = c.connamespace JOIN pg_class r ON r.oid = c.conrelid
        WHERE n.nspname = 'public' AND r.relname <> '_prisma_migrations'`),
      indexes: await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
        AND tablename <> '_prisma_migrations'`),
      enums: await q(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid`),
    };
  } finally {
    await client.end();
  }
}

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map(dropTestDatabase));
});

describe("committed migrations", () => {
  it("produce exactly the database that schema.prisma describes", async () => {
    const fromMigrations = await createTestDatabase("drift_migrations");
    created.push(fromMigrations);
    const fromSchema = await createTestDatabase("drift_schema");
    created.push(fromSchema);
    // createTestDatabase migrated it; start this one over from the schema's own SQL instead.
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
    await client.query(await schemaSql(await readFile(path.join("prisma", "schema.prisma"), "utf8")));
    await client.end();

    const expected = await catalog(fromSchema);
    expect(expected.columns.length).toBeGreaterThan(20);
    const migrated = await catalog(fromMigrations);
    const handWritten = migrated.indexes.filter((row) => HAND_WRITTEN_INDEXES.includes(JSON.parse(row).indexname));
    expect(handWritten).toHaveLength(HAND_WRITTEN_INDEXES.length);
    expect({ ...migrated, indexes: migrated.indexes.filter((row) => !handWritten.includes(row)) }).toEqual(expected);
  }, 90_000);

  it("are applied once: a second run applies nothing", async () => {
    const url = await createTestDatabase("migrate_twice");
    created.push(url);
    expect(await migrate(url)).toMatchObject({ applied: [] });
  });

  it("refuse to run when an applied migration was edited afterwards", async () => {
    const url = await createTestDatabase("migrate_edited");
    created.push(url);
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      const names = (await readdir(dir)).filter((x) => !x.endsWith(".toml")).sort();
      await writeFile(path.join(dir, names[0]!, "migration.sql"), "-- edited\nSELECT 1;");
      await expect(migrate(url, dir)).rejects.toThrow(/was edited after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
