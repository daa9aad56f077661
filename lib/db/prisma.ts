import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { statementNamer } from "./statement-namer";

const globalForPrisma = globalThis as unknown as {
  signalboardPrisma?: PrismaClient;
  signalboardPool?: pg.Pool;
  signalboardStatementName?: (query: { sql: string }) => string;
};

// Idle connections are kept 5 minutes, not pg's 10 s: under steady traffic the pool's least-used connections sat
// idle past 10 s, closed, and were reopened at the next small surge, and the requests waiting on a fresh backend
// took 80-150 ms (the webhook benchmark's p99 spikes lined up with PostgreSQL's "connection authorized" lines).
// allowExitOnIdle lets scripts end without waiting for the idle connections to time out.
const IDLE_CONNECTION_MS = 5 * 60_000;

/** Connections per process: web requests and the delivery engine's workers share them. */
export const POOL_SIZE = 10;

// An interactive transaction waits this long for a pooled connection (Prisma's default is 2 s). While restocks
// keep every connection busy, a shopper's signup then waits its turn instead of being refused ("Unable to start a
// transaction in the given time"): a refused signup is a customer lost, a wait of a few seconds is not.
export const TRANSACTION_MAX_WAIT_MS = 15_000;

// Created on first use rather than at import, so `next build` and modules that never query need no database
// settings; kept on globalThis so dev hot reloads reuse one pool.
function pool(): pg.Pool {
  globalForPrisma.signalboardPool ??= new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: POOL_SIZE,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    allowExitOnIdle: true,
  });
  return globalForPrisma.signalboardPool;
}

/**
 * The name a statement is prepared under on this process's connections ("" = unnamed), shared by Prisma and the
 * driver-level hot statements so both stay within one bound (see statementNamer).
 */
export function statementName(sql: string): string {
  globalForPrisma.signalboardStatementName ??= statementNamer(env().DATABASE_URL);
  return globalForPrisma.signalboardStatementName({ sql });
}

function client(): PrismaClient {
  globalForPrisma.signalboardPrisma ??= new PrismaClient({
    // $disconnect ends the pool too (scripts and benchmarks call it last, before dropping their database).
    adapter: new PrismaPg(pool(), {
      disposeExternalPool: true,
      statementNameGenerator: (query) => statementName(query.sql),
    }),
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
  return globalForPrisma.signalboardPrisma;
}

/**
 * The connection pool under the Prisma client, for the few hot statements where Prisma's own work per query is
 * the cost (see driverQuery: about 0.35 ms of CPU a query more than the driver alone). Ended by $disconnect.
 */
export function pgPool(): pg.Pool {
  return pool();
}

/** The process-wide Prisma client. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
