import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { findFreePort } from "./find-free-port";
import { servePglite, type PgliteServer } from "./serve-pglite";

export interface EmbeddedPostgresOptions {
  /** Where PGlite keeps its files, e.g. `.data/pglite`. */
  dataDir: string;
  /** Tried first; the next free port above it is used when it is taken. */
  preferredPort?: number;
  host?: string;
}

export interface EmbeddedPostgres {
  /** postgresql://… URL for `pg`, Prisma's adapter and psql. */
  url: string;
  /**
   * The URL for the app: PGlite has one session behind every connection, so a statement one pooled connection
   * prepared already exists for the next ("prepared statement … already exists"); `pgbouncer=true` makes the app
   * prepare nothing (see statementNamer).
   */
  appUrl: string;
  port: number;
  dataDir: string;
  /** Whether this start created the database (the first start of a data dir takes several seconds). */
  created: boolean;
  /** Stops accepting connections, then closes PGlite so everything is flushed to disk. Safe to call twice. */
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, which still means the data dir is in use.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// PGlite has no lock of its own: two processes on one data dir would corrupt it, so we keep a pid file beside it.
async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  const held = Number.parseInt(await readFile(lockFile, "utf8").catch(() => ""), 10);
  if (Number.isInteger(held) && held !== process.pid && isAlive(held)) {
    throw new Error(
      `Another process (pid ${held}) is using ${path.relative(process.cwd(), dataDir) || dataDir}: stop the other "npm run dev" first, ` +
        "or point DATABASE_URL at a PostgreSQL server.",
    );
  }
  await writeFile(lockFile, `${process.pid}\n`);
  return () => rm(lockFile, { force: true });
}

/**
 * Opens (or creates) a PGlite database in `dataDir` and serves it over the PostgreSQL wire protocol on
 * 127.0.0.1, so the app's `pg` pool, migrations and psql talk to it like to any PostgreSQL server.
 * PGlite accepts any user, password and database name; SSL is not supported, hence `sslmode=disable`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const created = !(await readFile(path.join(dataDir, "PG_VERSION"), "utf8").then(
    () => true,
    () => false,
  ));
  const releaseLock = await acquireLock(dataDir);

  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    await releaseLock();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not open the embedded database in ${dataDir} (${reason}). Delete that folder to start fresh.`,
    );
  }

  // Another program can take the port between the check and the bind; then move on to the next one.
  let server: PgliteServer | undefined;
  let port = options.preferredPort ?? 5433;
  for (let attempt = 0; !server; attempt++) {
    port = await findFreePort(port, { hosts: [host] });
    try {
      server = await servePglite(db, { host, port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 5) {
        await db.close().catch(() => undefined);
        await releaseLock();
        throw error;
      }
      port += 1;
    }
  }

  let stopping: Promise<void> | undefined;
  const url = `postgresql://postgres:postgres@${host}:${port}/postgres?sslmode=disable`;
  return {
    url,
    appUrl: `${url}&pgbouncer=true`,
    port,
    dataDir,
    created,
    stop: () =>
      (stopping ??= (async () => {
        try {
          await server.stop();
        } finally {
          // Closing PGlite checkpoints and flushes; skipping it only costs WAL replay on the next start.
          await db.close();
          await releaseLock();
        }
      })()),
  };
}
