import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, migrationsDir } from "@/lib/db/migrate";
import { createTestDatabase, dropTestDatabase } from "@/lib/testing/test-database";

const MIGRATION = "20261206154328_unified_integrations";
const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map(dropTestDatabase));
});

// A database as it was just before the unified Integration table: every migration older than MIGRATION.
async function databaseBeforeMigration(): Promise<string> {
  const url = await createTestDatabase("unified_integrations");
  created.push(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
  await client.end();
  const dir = await mkdtemp(path.join(tmpdir(), "migrations-before-"));
  try {
    await cp(migrationsDir, dir, { recursive: true });
    for (const name of await readdir(dir)) {
      if (!name.endsWith(".toml") && name >= MIGRATION) await rm(path.join(dir, name), { recursive: true });
    }
    await migrate(url, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return url;
}

describe("the unified_integrations migration", () => {
  it("keeps every Postscript and Klaviyo key, verification state and history, and moves the rate limit", async () => {
    const url = await databaseBeforeMigration();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const q = (sql: string, values: unknown[] = []) => client.query(sql, values);
      for (const id of ["shop_a", "shop_b", "shop_c"]) {
        await q(`INSERT INTO "Shop" (id, domain, name) VALUES ($1, $2, $1)`, [id, `${id}.myshopify.com`]);
      }
      const verifiedAt = new Date("2026-11-30T10:00:00Z");
      // shop_a: both providers, a slower configured limit; shop_b: Postscript refused, default limit; shop_c: no
      // connection at all but a configured limit.
      await q(
        `INSERT INTO "PostscriptIntegration" (id, "shopId", "encryptedKey", "keyLast4", enabled, verification, "lastVerifiedAt",
           "lastCheckedAt", "lastError", "accountName", "keywordId", "keywordName", "keywordList", "keywordListedAt",
           "firstConnectedAt", "encryptedWebhookToken", "webhookIds", "webhookError", "createdAt", "updatedAt")
         VALUES ('ps_a', 'shop_a', 'v1.sealed.a', 'aaaa', false, 'VERIFIED', $1, $1, NULL, 'Acme SMS', 'kw_1', 'BACK',
           '[{"id":"kw_1","keyword":"BACK"}]', $1, $1, 'v1.token.a', ARRAY['wh_1','wh_2'], NULL, $1, $1),
                ('ps_b', 'shop_b', 'v1.sealed.b', 'bbbb', true, 'INVALID', NULL, $1, 'refused', NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, ARRAY[]::text[], 'down', $1, $1)`,
        [verifiedAt],
      );
      await q(
        `INSERT INTO "KlaviyoIntegration" (id, "shopId", "encryptedKey", "keyLast4", enabled, verification, "lastVerifiedAt",
           "lastCheckedAt", "lastError", "accountName", "createdAt", "updatedAt")
         VALUES ('kl_a', 'shop_a', 'v1.sealed.k', 'kkkk', true, 'UNVERIFIED', NULL, $1, 'timeout', NULL, $1, $1)`,
        [verifiedAt],
      );
      await q(
        `INSERT INTO "BackInStockSettings" (id, "shopId", "rateLimitPerSecond", "updatedAt")
         VALUES ('b_a', 'shop_a', 5, now()), ('b_b', 'shop_b', 15, now()), ('b_c', 'shop_c', 3, now())`,
      );

      // This migration first; the newer ones after it change nothing it wrote.
      expect((await migrate(url)).applied[0]).toBe(MIGRATION);

      const rows = (await q(`SELECT * FROM "Integration" ORDER BY "shopId", provider`)).rows;
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatchObject({
        id: "ps_a",
        shopId: "shop_a",
        provider: "POSTSCRIPT",
        encryptedKey: "v1.sealed.a",
        keyLast4: "aaaa",
        enabled: false,
        verification: "VERIFIED",
        lastVerifiedAt: verifiedAt,
        accountName: "Acme SMS",
        keywordId: "kw_1",
        keywordName: "BACK",
        keywordList: [{ id: "kw_1", keyword: "BACK" }],
        firstConnectedAt: verifiedAt,
        encryptedWebhookToken: "v1.token.a",
        webhookIds: ["wh_1", "wh_2"],
        rateLimitPerSecond: 5,
        createdAt: verifiedAt,
      });
      expect(rows[1]).toMatchObject({
        id: "kl_a",
        shopId: "shop_a",
        provider: "KLAVIYO",
        encryptedKey: "v1.sealed.k",
        keyLast4: "kkkk",
        verification: "UNVERIFIED",
        lastCheckedAt: verifiedAt,
        lastError: "timeout",
        rateLimitPerSecond: null,
        webhookIds: [],
      });
      expect(rows[2]).toMatchObject({
        id: "ps_b",
        shopId: "shop_b",
        provider: "POSTSCRIPT",
        verification: "INVALID",
        lastError: "refused",
        webhookError: "down",
        rateLimitPerSecond: 15,
      });
      // Not connected, but the limit the merchant had set is kept, on a row without a key.
      expect(rows[3]).toMatchObject({
        shopId: "shop_c",
        provider: "POSTSCRIPT",
        encryptedKey: null,
        rateLimitPerSecond: 3,
      });

      const oldTables = await q(
        `SELECT tablename FROM pg_tables WHERE tablename IN ('PostscriptIntegration', 'KlaviyoIntegration')`,
      );
      expect(oldTables.rows).toEqual([]);
      const column = await q(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'BackInStockSettings' AND column_name = 'rateLimitPerSecond'`,
      );
      expect(column.rows).toEqual([]);
    } finally {
      await client.end();
    }
  }, 90_000);
});
