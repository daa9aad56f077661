import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { STALE_CLAIM_NOTE } from "@/lib/deliveries/resolve-stale-claims";
import { warmUpEngine } from "@/lib/restock/restock-test-fixtures";
import { adminDatabaseUrl } from "@/lib/testing/test-database";
import {
  drainUntilSettled,
  expectEveryCustomerOnce,
  FAULT_RATE_PER_SECOND,
  plannedRestock,
  waitForEvents,
} from "./fault-fixtures";
import { type FaultSandbox, startFaultSandbox } from "./fault-sandbox";

// PostgreSQL connections dropped in the middle of a fan-out. Other test files share this run's database, so
// only this file's connections are cut: they carry an application_name of their own (set before lib/env is read).
const APPLICATION_NAME = `faults_db_${randomBytes(4).toString("hex")}`;
const databaseUrl = new URL(process.env.DATABASE_URL!);
databaseUrl.searchParams.set("application_name", APPLICATION_NAME);
process.env.DATABASE_URL = databaseUrl.toString();

/** Terminates every backend of this file's pool (as a failover or a DBA's pg_terminate_backend would). */
async function dropConnections(): Promise<number> {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  try {
    // Materialized first: in a WHERE clause, PostgreSQL may call pg_terminate_backend before the name filter.
    const { rows } = await admin.query<{ terminated: boolean }>(
      `WITH mine AS MATERIALIZED (SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid())
       SELECT pg_terminate_backend(pid) AS terminated FROM mine`,
      [APPLICATION_NAME],
    );
    return rows.filter((row) => row.terminated).length;
  } finally {
    await admin.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sandbox: FaultSandbox;
beforeAll(async () => {
  sandbox = await startFaultSandbox({ timeoutMs: 5_000, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
  const [{ name }] = await prisma.$queryRaw<[{ name: string }]>`SELECT current_setting('application_name') AS name`;
  expect(name).toBe(APPLICATION_NAME);
  await warmUpEngine();
});
afterAll(async () => {
  await sandbox.close();
});

describe("PostgreSQL faults during a restock fan-out", () => {
  it("every connection dropped, in bursts, while alerts go out: the step fails, its retry finishes, everyone texted once", async () => {
    const restock = await plannedRestock(150);
    // What an Inngest step retry does after the step threw; no other sender runs, so a claim left behind by the
    // failed call is abandoned for sure and may be resolved at once (staleAfterMs 0).
    const sending = drainUntilSettled(restock.shop.shopId, { tolerateErrors: true, staleAfterMs: 0 });
    let terminated = 0;
    for (const progress of [30, 70, 110]) {
      await waitForEvents(sandbox.state, restock, progress);
      // A burst, so that some cut lands on a query in flight (a claim, a send's record, a slot reservation).
      for (let i = 0; i < 6; i++) {
        terminated += await dropConnections();
        await sleep(15);
      }
    }
    const { errors } = await sending;
    expect(terminated).toBeGreaterThan(0);

    const report = await expectEveryCustomerOnce(sandbox.state, restock);
    // A send whose record was lost with its connection stays SENDING, and is resolved as unconfirmed (it did reach
    // Postscript, so the customer has it); a claim rolled back by the termination is simply sent later.
    const unconfirmed = report.ledger.filter((row) => row.error === STALE_CLAIM_NOTE);
    expect(unconfirmed.length).toBeLessThanOrEqual(errors.length * 4);
  }, 60_000);
});
