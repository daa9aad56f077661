import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { STALE_CLAIM_NOTE } from "@/lib/deliveries/resolve-stale-claims";
import { deliveryReport, FAULT_RATE_PER_SECOND, plannedRestock, restockEvents, waitForEvents } from "./fault-fixtures";
import { type FaultSandbox, startFaultSandbox } from "./fault-sandbox";

// The sending process killed (SIGKILL: no cleanup at all) in the middle of a fan-out, then started again.
// The senders run as child processes on this run's database; the sandbox runs here, on a port they can reach.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DRAIN = fileURLToPath(new URL("./drain-in-child.ts", import.meta.url));
const WORKERS = 4;

let sandbox: FaultSandbox;
const children = new Set<ChildProcess>();
beforeAll(async () => {
  sandbox = await startFaultSandbox({ timeoutMs: 5_000, rateLimitPerSecond: FAULT_RATE_PER_SECOND });
});
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
});
afterAll(async () => {
  await sandbox.close();
});

/** Starts a sender for the shop; staleAfterMs 0 resolves claims at once (safe only when no other sender lives). */
function startSender(shopId: string, staleAfterMs?: number) {
  const args = ["--import", "tsx", DRAIN, shopId, ...(staleAfterMs === undefined ? [] : [String(staleAfterMs)])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    output,
  }));
  return { child, exited };
}

describe("the sending process killed mid-send", () => {
  it("SIGKILL twice during the fan-out, restarted each time: nobody texted twice; only requests in flight at a kill are unconfirmed", async () => {
    const restock = await plannedRestock(150);
    // Claims the dead process left: rows it was sending (claimed right before their slot, at most one per loop).
    const inFlightAtKill: string[] = [];

    for (const progress of [40, 90]) {
      const sender = startSender(restock.shop.shopId, 0);
      await waitForEvents(sandbox.state, restock, progress, 45_000);
      sender.child.kill("SIGKILL");
      expect((await sender.exited).signal).toBe("SIGKILL");
      const claimed = await prisma.delivery.findMany({
        where: { restockId: restock.restockId, status: "SENDING" },
        select: { id: true },
      });
      expect(claimed.length).toBeLessThanOrEqual(WORKERS);
      inFlightAtKill.push(...claimed.map((row) => row.id));
    }
    const last = await startSender(restock.shop.shopId, 0).exited;
    expect(last, last.output).toMatchObject({ code: 0 });

    const report = await deliveryReport(sandbox.state, restock);
    expect(report.twice, "customers texted more than once").toEqual([]);
    expect(report.strangers).toEqual([]);
    expect(report.ledger).toHaveLength(restock.phones.length);
    expect(report.ledger.filter((row) => row.status !== "DELIVERED" && row.status !== "UNCONFIRMED")).toEqual([]);

    // The claims in flight at a kill were resolved as unconfirmed and never resent (Postscript may or may not have
    // got them); every other row was confirmed by Postscript's answer. Only their customers may have got nothing.
    const unconfirmed = report.ledger.filter((row) => row.error === STALE_CLAIM_NOTE);
    expect(unconfirmed.map((row) => row.id).sort()).toEqual([...inFlightAtKill].sort());
    expect(unconfirmed.every((row) => row.attempts === 1)).toBe(true);
    expect(report.ledger.filter((row) => row.error === null).every((row) => row.responseStatus === 202)).toBe(true);
    const unconfirmedPhones = new Set(unconfirmed.map((row) => row.recipientPhone));
    expect(
      report.never.filter((phone) => !unconfirmedPhones.has(phone)),
      "customers missed outside the kill window",
    ).toEqual([]);
    const received = new Set(restockEvents(sandbox.state, restock).map((event) => event.externalId));
    expect(report.never).toHaveLength(unconfirmed.filter((row) => !received.has(row.idempotencyKey)).length);
  }, 90_000);
});
