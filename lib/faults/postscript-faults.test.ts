import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { waitFor, warmUpEngine } from "@/lib/restock/restock-test-fixtures";
import {
  drainUntilSettled,
  expectEveryCustomerOnce,
  FAULT_RATE_PER_SECOND,
  plannedRestock,
  restockEvents,
  waitForEvents,
} from "./fault-fixtures";
import { type FaultSandbox, startFaultSandbox } from "./fault-sandbox";

// Postscript failing in each way it can, in the middle of a restock fan-out; each scenario ends with every
// waiting customer texted exactly once. Sizes are realistic waitlists; backoffs are compressed (see FAST_RETRY).

// A generous client timeout: on a loaded machine an in-process answer may stall for a while, and a timeout is
// its own scenario (slow-answers.test.ts).
let sandbox: FaultSandbox;
beforeAll(async () => {
  sandbox = await startFaultSandbox({ timeoutMs: 5_000, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
  await warmUpEngine();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.state.setFaults({ down: false, share429: 0, share500: 0, slowShare: 0, slowMs: 0, seed: 11 });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Postscript faults during a restock fan-out", () => {
  it("429 storm: 60% of requests refused while a third of the waitlist goes out; everyone texted once", async () => {
    const restock = await plannedRestock(150);
    const sending = drainUntilSettled(restock.shop.shopId);
    await waitForEvents(sandbox.state, restock, 40);
    sandbox.state.setFaults({ share429: 0.6 });
    await waitForEvents(sandbox.state, restock, 90);
    sandbox.state.setFaults({ share429: 0 });
    await sending;

    const report = await expectEveryCustomerOnce(sandbox.state, restock);
    expect(sandbox.state.account(restock.shop.apiKey)!.rateLimited429Count).toBeGreaterThan(20);
    expect(report.ledger.filter((row) => row.attempts > 1).length).toBeGreaterThan(10);
  }, 60_000);

  it("500s: 30% of requests fail with a server error for the whole fan-out; everyone texted once", async () => {
    const restock = await plannedRestock(150);
    sandbox.state.setFaults({ share500: 0.3 });
    await drainUntilSettled(restock.shop.shopId);

    const report = await expectEveryCustomerOnce(sandbox.state, restock);
    expect(report.ledger.filter((row) => row.attempts > 1).length).toBeGreaterThan(10);
  }, 60_000);

  it("an outage (503 from the load balancer) in the middle of the fan-out: nothing lost, nothing doubled", async () => {
    const restock = await plannedRestock(150);
    // 100 ms doubling to 1 s: the 12 attempts outlast at least 4.25 s of outage (production's 1 s doubling to
    // 10 min outlasts about 20 minutes); this outage lasts 2 s.
    const retry = { baseMs: 100, capMs: 1_000 };
    const sending = drainUntilSettled(restock.shop.shopId, { retry });
    await waitForEvents(sandbox.state, restock, 50);
    sandbox.state.setFaults({ down: true });
    // Requests already past the door when it closed may still land.
    await sleep(500);
    const before = restockEvents(sandbox.state, restock).length;
    await sleep(1_500);
    expect(restockEvents(sandbox.state, restock).length).toBe(before);
    const waiting = await prisma.delivery.findMany({ where: { restockId: restock.restockId, status: "RETRYING" } });
    expect(waiting.some((row) => /HTTP 503/.test(row.error ?? ""))).toBe(true);
    sandbox.state.setFaults({ down: false });
    await sending;

    const report = await expectEveryCustomerOnce(sandbox.state, restock);
    expect(report.ledger.some((row) => row.attempts >= 2)).toBe(true);
    // A few 503s in a row opened the key's circuit; it closed by itself once Postscript answered.
    expect(await prisma.sendingPause.findFirst({ where: { shopId: restock.shop.shopId } })).toMatchObject({
      resumedAt: expect.any(Date),
    });
  }, 60_000);

  it("Postscript unreachable (connection refused) when the fan-out starts, back 2 s later: sending pauses, resumes by itself, everyone texted once", async () => {
    const restock = await plannedRestock(120);
    await sandbox.stop();
    try {
      const sending = drainUntilSettled(restock.shop.shopId, { retry: { baseMs: 100, capMs: 1_000 } });
      // A few refused connections in a row open the key's circuit: sending pauses and Postscript is probed.
      await waitFor(() => prisma.sendingPause.findFirst({ where: { shopId: restock.shop.shopId } }), 15_000);
      const refused = await prisma.delivery.findMany({ where: { restockId: restock.restockId, status: "RETRYING" } });
      expect(refused.length).toBeGreaterThan(0);
      expect(
        refused.every((row) => row.error === "Could not reach Postscript over the network; try again later."),
      ).toBe(true);
      expect(restockEvents(sandbox.state, restock)).toHaveLength(0);
      await sleep(1_500);
      await sandbox.start();
      await sending;
    } finally {
      await sandbox.start();
    }

    const report = await expectEveryCustomerOnce(sandbox.state, restock);
    // Refused connections never reached Postscript, so nothing is unconfirmed: every row has its answer.
    expect(report.ledger.filter((row) => row.error).map((row) => row.error)).toEqual([]);
    expect(await prisma.sendingPause.findFirst({ where: { shopId: restock.shop.shopId } })).toMatchObject({
      resumedAt: expect.any(Date),
    });
  }, 60_000);
});
