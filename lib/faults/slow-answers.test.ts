import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { warmUpEngine } from "@/lib/restock/restock-test-fixtures";
import {
  drainUntilSettled,
  expectEveryCustomerOnce,
  FAULT_RATE_PER_SECOND,
  plannedRestock,
  waitForEvents,
} from "./fault-fixtures";
import { type FaultSandbox, startFaultSandbox } from "./fault-sandbox";

// Postscript answering after the client stopped waiting. A file of its own for its short client timeout.

const TIMEOUT_MS = 1_000;
let sandbox: FaultSandbox;
beforeAll(async () => {
  sandbox = await startFaultSandbox({ timeoutMs: TIMEOUT_MS, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
  await warmUpEngine();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.state.setFaults({ down: false, share429: 0, share500: 0, slowShare: 0, slowMs: 0, seed: 11 });
});

describe("Postscript answering slower than the client timeout during a restock fan-out", () => {
  it("records those sends as unconfirmed and never resends them; the customers still got exactly one", async () => {
    const restock = await plannedRestock(120);
    // About one request in seventeen takes 1.5 s; the client gives up after 1 s, but the sandbox (like Postscript)
    // goes on and records the event. Resending would text those customers twice, so the ledger keeps them as
    // UNCONFIRMED, after exactly one attempt.
    sandbox.state.setFaults({ slowShare: 0.06, slowMs: TIMEOUT_MS + 500 });
    await drainUntilSettled(restock.shop.shopId);
    await waitForEvents(sandbox.state, restock, restock.phones.length, 10_000);

    const report = await expectEveryCustomerOnce(sandbox.state, restock);
    const unconfirmed = report.ledger.filter((row) => row.status === "UNCONFIRMED");
    expect(unconfirmed.length).toBeGreaterThan(0);
    expect(unconfirmed.every((row) => row.attempts === 1 && /no answer came in time/.test(row.error!))).toBe(true);
    // Everything else was confirmed by Postscript's answer.
    expect(report.ledger.filter((row) => !row.error).every((row) => row.responseStatus === 202)).toBe(true);
  }, 60_000);
});
