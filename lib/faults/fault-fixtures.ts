import { expect } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { deliverDue, type DeliverDueOptions } from "@/lib/deliveries/deliver-due";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";
import type { SandboxState } from "@/lib/postscript/sandbox/sandbox-state";
import { planRestock } from "@/lib/restock/plan-restock";
import {
  addWaitlist,
  createEngineShop,
  createEngineVariant,
  type EngineShop,
  waitFor,
} from "@/lib/restock/restock-test-fixtures";

/**
 * Fixtures for the fault suite: a planned restock of a realistic waitlist, draining it through faults, and the
 * exactly-once check against the sandbox inbox. Not used by the app.
 */

/** Requests per second for the shops and sandboxes of the suite: Postscript's 15 would make each scenario slow. */
export const FAULT_RATE_PER_SECOND = 40;

/** Short backoffs so a scenario retries many times within seconds (production starts at 1 s). */
export const FAST_RETRY = { baseMs: 50, capMs: 400 } as const;

/** Short probe backoff while a key's circuit is open (production starts at 1 s). */
export const FAST_PROBE = { firstMs: 50, capMs: 400 } as const;

export type PlannedRestock = { shop: EngineShop; variantId: string; restockId: string; phones: string[] };

/** A connected shop (no reminders), a variant with `waiting` customers and a planned restock of it. */
export async function plannedRestock(
  waiting: number,
  shopOptions: Parameters<typeof createEngineShop>[0] = {},
): Promise<PlannedRestock> {
  const shop = await createEngineShop({
    reminderEnabled: false,
    rateLimitPerSecond: FAULT_RATE_PER_SECOND,
    ...shopOptions,
  });
  const variant = await createEngineVariant(shop.shopId, { available: 10 });
  const phones = await addWaitlist(shop.shopId, variant.id, waiting);
  const restock = await prisma.restock.create({
    data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 10 },
  });
  await planRestock(restock.id);
  return { shop, variantId: variant.id, restockId: restock.id, phones };
}

/** The sandbox's events for this restock's alerts (matched on our external id, which names the restock). */
export function restockEvents(state: SandboxState, restock: Pick<PlannedRestock, "shop" | "restockId">) {
  const prefix = `${restock.shop.shopId}:${BACK_IN_STOCK_ALERT}:${restock.restockId}:`;
  return state.inbox({ type: BACK_IN_STOCK_ALERT }).filter((event) => event.externalId?.startsWith(prefix));
}

/** Waits until the sandbox holds at least `count` alerts of the restock (progress to start a fault at). */
export async function waitForEvents(
  state: SandboxState,
  restock: PlannedRestock,
  count: number,
  timeoutMs = 30_000,
): Promise<void> {
  await waitFor(() => restockEvents(state, restock).length >= count, timeoutMs, 20);
}

const OPEN_STATUSES = ["PENDING", "RETRYING", "SENDING"] as const;

/**
 * Calls deliverDue until the shop has nothing pending, retrying or being sent (the sweeper's and Inngest's
 * retries, compressed). With `tolerateErrors`, a call that throws (the database went away) is retried, as an
 * Inngest step would be; the errors are returned.
 */
export async function drainUntilSettled(
  shopId: string,
  options: DeliverDueOptions & { tolerateErrors?: boolean; maxRounds?: number } = {},
): Promise<{ rounds: number; errors: string[] }> {
  const { tolerateErrors = false, maxRounds = 60, ...deliverOptions } = options;
  const errors: string[] = [];
  for (let round = 1; round <= maxRounds; round++) {
    try {
      const result = await deliverDue(shopId, {
        maxDurationMs: 10_000,
        retry: FAST_RETRY,
        probe: FAST_PROBE,
        ...deliverOptions,
      });
      if (result.paused) throw new Error(`sending paused: ${result.paused}`);
      const open = await prisma.delivery.count({ where: { shopId, status: { in: [...OPEN_STATUSES] } } });
      if (open === 0) return { rounds: round, errors };
    } catch (error) {
      if (!tolerateErrors) throw error;
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  const left = await prisma.delivery.groupBy({
    by: ["status"],
    where: { shopId, status: { in: [...OPEN_STATUSES] } },
    _count: true,
  });
  throw new Error(`deliveries did not settle after ${maxRounds} rounds: ${JSON.stringify(left)}`);
}

/** How the restock ended: events per waiting customer's phone, and the ledger rows. */
export async function deliveryReport(state: SandboxState, restock: PlannedRestock) {
  const events = restockEvents(state, restock);
  const perPhone = new Map(restock.phones.map((phone) => [phone, 0]));
  const strangers: string[] = [];
  for (const event of events) {
    const phone = event.phone ?? "(no phone)";
    if (perPhone.has(phone)) perPhone.set(phone, perPhone.get(phone)! + 1);
    else strangers.push(phone);
  }
  const ledger = await prisma.delivery.findMany({
    where: { restockId: restock.restockId, eventType: BACK_IN_STOCK_ALERT },
  });
  return {
    events,
    perPhone,
    strangers,
    ledger,
    twice: [...perPhone].filter(([, n]) => n > 1).map(([phone]) => phone),
    never: [...perPhone].filter(([, n]) => n === 0).map(([phone]) => phone),
  };
}

/**
 * The suite's closing check: every waiting customer's phone got exactly one alert for the restock, nobody
 * else got one, every ledger row is DELIVERED or UNCONFIRMED (with the external id the sandbox saw) and every entry
 * NOTIFIED.
 */
export async function expectEveryCustomerOnce(state: SandboxState, restock: PlannedRestock) {
  const report = await deliveryReport(state, restock);
  expect(report.twice, "customers texted more than once").toEqual([]);
  expect(report.never, "customers never texted").toEqual([]);
  expect(report.strangers, "events for phones nobody planned").toEqual([]);
  expect(report.events).toHaveLength(restock.phones.length);
  expect(report.ledger).toHaveLength(restock.phones.length);
  expect(
    report.ledger
      .filter((row) => row.status !== "DELIVERED" && row.status !== "UNCONFIRMED")
      .map((row) => `${row.recipientPhone}: ${row.status}`),
  ).toEqual([]);
  expect(new Set(report.events.map((event) => event.externalId))).toEqual(
    new Set(report.ledger.map((row) => row.idempotencyKey)),
  );
  const notified = await prisma.waitlistEntry.count({ where: { variantId: restock.variantId, status: "NOTIFIED" } });
  expect(notified).toBe(restock.phones.length);
  return report;
}
