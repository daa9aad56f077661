import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { statementNamer } from "@/lib/db/statement-namer";
import { startEmbeddedPostgres } from "./start-embedded-postgres";

// PGlite's first start in a new directory takes several seconds, so the whole lifecycle shares one directory.
const dir = await mkdtemp(path.join(tmpdir(), "embedded-pg-"));
const dataDir = path.join(dir, "pglite");

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("startEmbeddedPostgres", () => {
  it(
    "serves a new database to a pg pool with concurrent connections and transactions",
    { timeout: 60_000 },
    async () => {
      const db = await startEmbeddedPostgres({ dataDir, preferredPort: 55_433 });
      try {
        expect(db.created).toBe(true);
        expect(db.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${db.port}/postgres?sslmode=disable`);
        const pool = new pg.Pool({ connectionString: db.url, max: 5 });
        try {
          await pool.query("CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)");
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            await client.query("INSERT INTO note (body) VALUES ('kept')");
            // Another connection works while this one holds a transaction open.
            const other = pool.query("SELECT count(*)::int AS n FROM note");
            await client.query("COMMIT");
            expect((await other).rows[0].n).toBeGreaterThanOrEqual(0);
          } finally {
            client.release();
          }
          const counts = await Promise.all(
            [1, 2, 3, 4, 5].map(() => pool.query("SELECT count(*)::int AS n FROM note")),
          );
          expect(counts.map((r) => r.rows[0].n)).toEqual([1, 1, 1, 1, 1]);
        } finally {
          await pool.end();
        }
      } finally {
        await db.stop();
      }
    },
  );

  it("reopens the same data after a stop", { timeout: 60_000 }, async () => {
    const db = await startEmbeddedPostgres({ dataDir, preferredPort: 55_433 });
    try {
      expect(db.created).toBe(false);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        expect((await client.query("SELECT body FROM note")).rows).toEqual([{ body: "kept" }]);
      } finally {
        await client.end();
      }
    } finally {
      await db.stop();
      await db.stop(); // a second stop is harmless
    }
  });

  it(
    "keeps each connection's statement exchange and transaction whole when many run at once",
    { timeout: 60_000 },
    async () => {
      const db = await startEmbeddedPostgres({ dataDir, preferredPort: 55_433 });
      const pool = new pg.Pool({ connectionString: db.url, max: 8 });
      try {
        await pool.query("CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)");
        await pool.query("INSERT INTO counter VALUES (1, 0)");
        // Unnamed statements of 2 and 7 parameters, the larger with a 200 kB value so its Bind arrives over several
        // reads: had another connection's Parse run in between, the Bind would fail with 08P01 (the double-clicked
        // Replay: "bind message supplies 7 parameters, but prepared statement "" requires 2").
        await pool.query("CREATE TABLE wide (a int, b text, c int, d text, e int, f text, g int)");
        const sums = Array.from({ length: 120 }, (_, i) =>
          i % 2
            ? pool
                .query("INSERT INTO wide VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING a + c + e + g AS total", [
                  i,
                  "x".repeat(200_000),
                  i,
                  "y",
                  i,
                  "z",
                  i,
                ])
                .then((r) => [r.rows[0].total, 4 * i])
            : pool.query("SELECT $1::int + $2::int AS total", [i, 1]).then((r) => [r.rows[0].total, i + 1]),
        );
        // Read, then write what was read plus one: exact only if no other transaction runs in between.
        const increments = Array.from({ length: 30 }, async () => {
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            const { rows } = await client.query("SELECT n FROM counter WHERE id = $1", [1]);
            await client.query("UPDATE counter SET n = $1 WHERE id = $2", [rows[0].n + 1, 1]);
            await client.query("COMMIT");
          } finally {
            client.release();
          }
        });
        const results = await Promise.all(sums);
        await Promise.all(increments);
        expect(results.filter(([got, want]) => got !== want)).toEqual([]);
        expect((await pool.query("SELECT n FROM counter")).rows).toEqual([{ n: 30 }]);

        // A client that leaves mid-transaction hands the session back with its work rolled back.
        const leaver = new pg.Client({ connectionString: db.url });
        await leaver.connect();
        await leaver.query("BEGIN");
        await leaver.query("UPDATE counter SET n = $1", [0]);
        await leaver.end();
        expect((await pool.query("SELECT n FROM counter")).rows).toEqual([{ n: 30 }]);
      } finally {
        await pool.end();
        await db.stop();
      }
    },
  );

  it(
    "gives the app a URL under which it prepares nothing, since every connection shares PGlite's one session",
    {
      timeout: 60_000,
    },
    async () => {
      const db = await startEmbeddedPostgres({ dataDir, preferredPort: 55_433 });
      const sameStatementOnTwoConnections = async (url: string) => {
        const name = statementNamer(url)({ sql: "SELECT $1::int AS x" });
        const [a, b] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
        await Promise.all([a.connect(), b.connect()]);
        try {
          for (const client of [a, b]) await client.query({ name, text: "SELECT $1::int AS x", values: [1] });
        } finally {
          await Promise.all([a.end(), b.end()]);
        }
      };
      try {
        await expect(sameStatementOnTwoConnections(db.url)).rejects.toThrow(/already exists/);
        await expect(sameStatementOnTwoConnections(db.appUrl)).resolves.toBeUndefined();
      } finally {
        await db.stop();
      }
    },
  );

  it(
    "refuses a data directory another live process holds, and reclaims a stale lock",
    { timeout: 60_000 },
    async () => {
      await writeFile(`${dataDir}.lock`, `${process.ppid}\n`); // alive, and not us
      await expect(startEmbeddedPostgres({ dataDir, preferredPort: 55_433 })).rejects.toThrow(
        /Another process \(pid \d+\)/,
      );

      await writeFile(`${dataDir}.lock`, "2147483646\n"); // no such process
      const db = await startEmbeddedPostgres({ dataDir, preferredPort: 55_433 });
      await db.stop();
    },
  );
});
