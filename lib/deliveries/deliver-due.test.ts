import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { prisma } from "@/lib/db/prisma";
import { postscriptClientForKey } from "@/lib/integrations/postscript-client-for-key";
import { planRestock } from "@/lib/restock/plan-restock";
import {
  addWaitlist,
  countByExternalId,
  createEngineShop,
  createEngineVariant,
  type EngineShop,
  waitFor,
  warmUpEngine,
} from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { claimNextDelivery } from "./claim-next-delivery";
import { limiterKey } from "./send-slot-limiter";
import { deliverDue } from "./deliver-due";
import { resendUnconfirmed } from "./resend-unconfirmed";
import { STALE_CLAIM_NOTE } from "./resolve-stale-claims";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
  await warmUpEngine();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.state.setFaults({ down: false, share429: 0, share500: 0, slowShare: 0, slowMs: 0, seed: 7 });
});

// Fast retries so fault scenarios finish in seconds; the production policy starts at 1 s.
const FAST = { retry: { baseMs: 50, capMs: 400 }, probe: { firstMs: 50, capMs: 400 } };

const inbox = (shop: EngineShop, type = "back_in_stock_sms_alert") =>
  sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type });
const rows = (restockId: string) =>
  prisma.delivery.findMany({ where: { restockId, eventType: "back_in_stock_sms_alert" } });

/** A connected shop, a variant with `waiting` customers and a planned restock of it. */
async function plannedRestock(waiting: number, shopOptions: Parameters<typeof createEngineShop>[0] = {}) {
  const shop = await createEngineShop({ reminderEnabled: false, ...shopOptions });
  const variant = await createEngineVariant(shop.shopId, { available: 4 });
  const phones = await addWaitlist(shop.shopId, variant.id, waiting);
  const restock = await prisma.restock.create({
    data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 4 },
  });
  await planRestock(restock.id);
  return { shop, variant, phones, restockId: restock.id };
}

/** Sends until nothing is left, including retries after their backoff. */
async function drain(shopId: string, options = FAST) {
  for (let i = 0; i < 50; i++) {
    const result = await deliverDue(shopId, { maxDurationMs: 10_000, ...options });
    const open = await prisma.delivery.count({
      where: { shopId, status: { in: ["PENDING", "RETRYING"] }, eventType: "back_in_stock_sms_alert" },
    });
    if (result.paused || open === 0) return result;
  }
  throw new Error("deliveries did not drain");
}

/** Every planned alert reached the sandbox exactly once and is DELIVERED (or UNCONFIRMED: sent, no answer) in the ledger. */
async function expectExactlyOnce(shop: EngineShop, restockId: string, waiting: number) {
  const ledger = await rows(restockId);
  expect(ledger).toHaveLength(waiting);
  expect(ledger.every((row) => row.status === "DELIVERED" || row.status === "UNCONFIRMED")).toBe(true);
  const counts = countByExternalId(inbox(shop));
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  expect(new Set(counts.keys())).toEqual(new Set(ledger.map((row) => row.idempotencyKey)));
  const notified = await prisma.waitlistEntry.count({ where: { shopId: shop.shopId, status: "NOTIFIED" } });
  expect(notified).toBe(waiting);
}

describe("deliverDue: exactly once", () => {
  it("sends one alert per customer when the same restock runs three times at once and again afterwards", async () => {
    const { shop, restockId } = await plannedRestock(30);
    const drain = () => drainShopDeliveries(shop.shopId, FAST);
    await Promise.all([drain(), drain(), drain()]);
    await drain();
    await expectExactlyOnce(shop, restockId, 30);
    expect(sandbox.state.account(shop.apiKey)?.rateLimited429Count).toBe(0);
  });

  it("retries through a 429 storm and sends each customer one alert", async () => {
    const { shop, restockId } = await plannedRestock(30);
    sandbox.state.setFaults({ share429: 0.5 });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, restockId, 30);
    const ledger = await rows(restockId);
    expect(ledger.some((row) => row.attempts > 1)).toBe(true);
  });

  it("retries 500s with backoff and sends each customer one alert", async () => {
    const { shop, restockId } = await plannedRestock(30);
    sandbox.state.setFaults({ share500: 0.3 });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, restockId, 30);
  });

  it("records answers slower than the timeout as unconfirmed and never resends them", async () => {
    const { shop, restockId } = await plannedRestock(20);
    sandbox.state.setFaults({ slowShare: 0.3, slowMs: 1_500 });
    await drain(shop.shopId);
    // The sandbox records a slow request once its delay is over, even after we stopped waiting.
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    await expectExactlyOnce(shop, restockId, 20);
    const unconfirmed = (await rows(restockId)).filter((row) => row.status === "UNCONFIRMED");
    expect(unconfirmed.length).toBeGreaterThan(0);
    expect(unconfirmed[0]!.error).toMatch(
      /^Unconfirmed: the request reached Postscript but no answer came in time.*not resent/,
    );
    expect(unconfirmed.every((row) => row.attempts === 1)).toBe(true);
  });

  it("keeps retrying while Postscript is down and sends everything once it is back", async () => {
    const { shop, restockId } = await plannedRestock(20);
    sandbox.state.setFaults({ down: true });
    const during = await deliverDue(shop.shopId, { maxDurationMs: 600, ...FAST });
    expect(during.sent).toBe(0);
    expect(inbox(shop)).toHaveLength(0);
    const waitingRows = await rows(restockId);
    expect(waitingRows.some((row) => row.status === "RETRYING" && /HTTP 503/.test(row.error ?? ""))).toBe(true);
    expect(waitingRows.every((row) => ["PENDING", "RETRYING"].includes(row.status))).toBe(true);

    sandbox.state.setFaults({ down: false });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, restockId, 20);
  });

  it("resolves a claim left by a process that died after sending without sending it again", async () => {
    const { shop, restockId } = await plannedRestock(10);
    // The crashed process: claimed a row, sent it to Postscript, died before recording the answer.
    const claimed = await claimNextDelivery(shop.shopId, "POSTSCRIPT");
    expect(claimed).not.toBeNull();
    await postscriptClientForKey(shop.apiKey).sendEvent({
      type: claimed!.eventType,
      phone: claimed!.recipientPhone ?? undefined,
      properties: claimed!.properties,
      externalId: claimed!.idempotencyKey,
    });
    // Too young to be stale: left alone while the (maybe still running) sender finishes.
    await drain(shop.shopId);
    expect((await prisma.delivery.findUnique({ where: { id: claimed!.id } }))?.status).toBe("SENDING");
    // Old enough: resolved, not resent.
    await prisma.delivery.update({
      where: { id: claimed!.id },
      data: { lastAttemptAt: new Date(Date.now() - 10 * 60_000) },
    });
    const result = await deliverDue(shop.shopId, { maxDurationMs: 2_000 });
    expect(result.unconfirmed).toBe(1);
    await expectExactlyOnce(shop, restockId, 10);
    const resolved = await prisma.delivery.findUnique({ where: { id: claimed!.id } });
    expect(resolved).toMatchObject({ status: "UNCONFIRMED", error: STALE_CLAIM_NOTE, attempts: 1 });
  });

  it("resolves a claim abandoned before its request as unconfirmed too: the outcome is unknown, so never resent", async () => {
    const { shop, restockId } = await plannedRestock(12);
    const abandoned = await claimNextDelivery(shop.shopId, "POSTSCRIPT");
    await drain(shop.shopId);
    expect(inbox(shop)).toHaveLength(11);
    await prisma.delivery.update({
      where: { id: abandoned!.id },
      data: { lastAttemptAt: new Date(Date.now() - 10 * 60_000) },
    });
    await deliverDue(shop.shopId, { maxDurationMs: 1_000 });
    expect(await prisma.delivery.findUnique({ where: { id: abandoned!.id } })).toMatchObject({
      status: "UNCONFIRMED",
      error: STALE_CLAIM_NOTE,
    });
    expect(inbox(shop)).toHaveLength(11);
    expect(await prisma.delivery.count({ where: { restockId, status: "DELIVERED" } })).toBe(11);
  });

  it("sends an unconfirmed alert again only when someone resends it deliberately", async () => {
    const { shop, restockId } = await plannedRestock(1);
    await drain(shop.shopId);
    const [sent] = await rows(restockId);
    // As if its answer had been lost: the entry is NOTIFIED by this very row.
    await prisma.delivery.update({ where: { id: sent!.id }, data: { status: "UNCONFIRMED" } });
    await drain(shop.shopId);
    expect(inbox(shop)).toHaveLength(1);
    await resendUnconfirmed(shop.shopId, sent!.id);
    await drain(shop.shopId);
    expect(inbox(shop)).toHaveLength(2);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: sent!.id } })).toMatchObject({ status: "DELIVERED" });
  });

  it("claims a row right before its slot, not when it reserves the slot: a sender dying while it waits holds nothing", async () => {
    const { shop, restockId } = await plannedRestock(2, { rateLimitPerSecond: 1 });
    const sending = deliverDue(shop.shopId, { maxDurationMs: 3_000 });
    // The first alert goes at once; the second's slot is a second after its answer, and its row is not claimed
    // meanwhile.
    await waitFor(async () => (await prisma.delivery.count({ where: { restockId, status: "DELIVERED" } })) === 1);
    expect(await prisma.delivery.count({ where: { restockId, status: "PENDING" } })).toBe(1);
    await sending;
    await expectExactlyOnce(shop, restockId, 2);
  });
});

describe("deliverDue: senders", () => {
  it("a sender that finds nothing due waits while a sibling sends, and takes the rows that come meanwhile", async () => {
    // Answers take 700 ms: one sender alone sends one alert per 700 ms, strictly one after another.
    sandbox.state.setFaults({ slowShare: 1, slowMs: 700 });
    const first = await plannedRestock(1);
    const sending = deliverDue(first.shop.shopId, { maxDurationMs: 5_000 });
    // The first alert is on its way; the other three senders' slots (67 ms apart) pass and they find nothing due.
    await waitFor(
      async () => (await prisma.delivery.count({ where: { restockId: first.restockId, status: "SENDING" } })) === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const variant = await createEngineVariant(first.shop.shopId, { available: 4 });
    await addWaitlist(first.shop.shopId, variant.id, 6);
    const restock = await prisma.restock.create({
      data: { shopId: first.shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 4 },
    });
    await planRestock(restock.id);
    await sending;
    const ledger = await rows(restock.id);
    expect(ledger.map((row) => row.status)).toEqual(Array(6).fill("DELIVERED"));
    expect([...countByExternalId(inbox(first.shop)).values()]).toEqual(Array(7).fill(1));
    const later = new Set(ledger.map((row) => row.idempotencyKey));
    const arrivals = inbox(first.shop)
      .filter((entry) => later.has(entry.externalId!))
      .map((entry) => Date.parse(entry.receivedAt))
      .sort((a, b) => a - b);
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!);
    // Some of the six were in flight together: one sender could not bring two within 700 ms of each other.
    expect(Math.min(...gaps)).toBeLessThan(700);
  });
});

describe("deliverDue: outcomes", () => {
  it("fails a delivery Postscript rejects, with its message, and one that keeps failing after the attempts", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const variant = await createEngineVariant(shop.shopId, { available: 3 });
    await prisma.waitlistEntry.create({
      data: {
        shopId: shop.shopId,
        variantId: variant.id,
        customerKey: "bad",
        email: "not-an-email",
        status: "WAITING",
      },
    });
    // One such row: its 3 failures in a row stay under the circuit's threshold, so it fails instead of pausing.
    await addWaitlist(shop.shopId, variant.id, 1);
    const restock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "MANUAL", available: 3 },
    });
    await planRestock(restock.id);
    sandbox.state.setFaults({ share500: 1 });
    const result = await drain(shop.shopId, {
      ...FAST,
      retry: { baseMs: 10, capMs: 20, maxAttempts: 3 },
    } as typeof FAST);
    expect(result.paused).toBeNull();
    const ledger = await rows(restock.id);
    const rejected = ledger.find((row) => row.recipientEmail === "not-an-email");
    expect(rejected).toMatchObject({ status: "FAILED", error: expect.stringMatching(/reject.*email/) });
    const gaveUp = ledger.filter((row) => row.recipientPhone);
    expect(gaveUp.every((row) => row.status === "FAILED" && row.attempts === 3)).toBe(true);
    expect(gaveUp[0]!.error).toMatch(
      /^Gave up after 3 attempts\. Last answer: Postscript had a server problem \(HTTP 500\)/,
    );
  });

  it("pauses while the integration is disabled, keeps every row, and sends them when it is enabled", async () => {
    const { shop, restockId } = await plannedRestock(8, { enabled: false });
    const paused = await deliverDue(shop.shopId, { maxDurationMs: 1_000 });
    expect(paused).toMatchObject({ sent: 0, paused: expect.stringMatching(/disabled/), remaining: 8 });
    expect((await rows(restockId)).every((row) => row.status === "PENDING" && row.attempts === 0)).toBe(true);
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
      data: { enabled: true },
    });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, restockId, 8);
  });

  it("pauses on a key Postscript refuses, marks it, and resumes with a working key", async () => {
    const { shop, restockId } = await plannedRestock(6);
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
      data: { encryptedKey: encryptSecret("sk_live_revoked_key_0000") },
    });
    const paused = await deliverDue(shop.shopId, { maxDurationMs: 2_000 });
    expect(paused.paused).toMatch(/did not accept the API key/);
    const integration = await prisma.integration.findUnique({
      where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
    });
    expect(integration).toMatchObject({ verification: "INVALID", lastError: expect.stringMatching(/did not accept/) });
    const waiting = await rows(restockId);
    expect(waiting.every((row) => row.status === "PENDING" && row.attempts === 0)).toBe(true);
    expect(waiting.some((row) => /^Waiting: /.test(row.error ?? ""))).toBe(true);

    // Still paused while the key is not verified.
    expect((await deliverDue(shop.shopId, { maxDurationMs: 500 })).paused).toMatch(/not verified/);
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
      data: { encryptedKey: encryptSecret(shop.apiKey), verification: "VERIFIED" },
    });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, restockId, 6);
  });

  it("pauses for an uninstalled shop", async () => {
    const { shop } = await plannedRestock(3);
    await prisma.shop.update({ where: { id: shop.shopId }, data: { uninstalledAt: new Date() } });
    expect((await deliverDue(shop.shopId, { maxDurationMs: 500 })).paused).toMatch(/uninstalled/);
    expect(inbox(shop)).toHaveLength(0);
  });

  it("skips built-in SMS texts to customers with no consent on record, with the reason", async () => {
    const { shop, restockId } = await plannedRestock(4, { provider: "BUILT_IN" });
    await prisma.smsSettings.update({ where: { shopId: shop.shopId }, data: { quietHoursEnabled: false } });
    const result = await deliverDue(shop.shopId, { maxDurationMs: 1_000 });
    expect(result).toMatchObject({ skipped: 4, sent: 0, remaining: 0 });
    const ledger = await rows(restockId);
    expect(ledger.every((row) => row.provider === "BUILT_IN" && row.status === "SKIPPED")).toBe(true);
    expect(ledger[0]!.skipReason).toMatch(/No SMS consent was recorded/);
    expect(inbox(shop)).toHaveLength(0);
  });

  it("skips an alert whose customer bought the variant or left before it went out", async () => {
    const { shop, restockId } = await plannedRestock(3);
    const [first, second] = await prisma.waitlistEntry.findMany({
      where: { shopId: shop.shopId },
      orderBy: { createdAt: "asc" },
    });
    await prisma.waitlistEntry.update({ where: { id: first!.id }, data: { status: "PURCHASED" } });
    await prisma.waitlistEntry.update({ where: { id: second!.id }, data: { status: "REMOVED" } });
    await drain(shop.shopId);
    const ledger = await rows(restockId);
    expect(ledger.find((row) => row.waitlistEntryId === first!.id)).toMatchObject({
      status: "SKIPPED",
      skipReason: "the customer already bought this variant",
    });
    expect(ledger.find((row) => row.waitlistEntryId === second!.id)).toMatchObject({
      status: "SKIPPED",
      skipReason: "the customer left the waitlist",
    });
    expect(inbox(shop)).toHaveLength(1);
  });

  it("sends a preorder confirmation ahead of a restock's queue", async () => {
    const { shop } = await plannedRestock(30);
    await prisma.delivery.create({
      data: {
        shopId: shop.shopId,
        provider: "POSTSCRIPT",
        eventType: "preorder_sms_confirmed",
        idempotencyKey: `${shop.shopId}:preorder_sms_confirmed:test`,
        recipientPhone: "+15555550199",
        properties: { order_name: "#1001" },
        nextAttemptAt: new Date(),
      },
    });
    await drain(shop.shopId);
    const events = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) }).reverse();
    expect(events).toHaveLength(31);
    // Claimed first; with 4 workers sending side by side it is among the first 4 requests.
    expect(events.findIndex((e) => e.type === "preorder_sms_confirmed")).toBeLessThan(4);
  });
});

describe("deliverDue: pace", () => {
  it("stays within the key's limit: no 429 from the sandbox's sliding window at 15/s", async () => {
    const { shop, restockId } = await plannedRestock(45, { reminderEnabled: false });
    const started = Date.now();
    await drain(shop.shopId);
    const seconds = (Date.now() - started) / 1_000;
    await expectExactlyOnce(shop, restockId, 45);
    expect(sandbox.state.account(shop.apiKey)?.rateLimited429Count).toBe(0);
    // 45 requests at 15/s take at least 2.9 s (the first goes at once); far slower would mean lost pace.
    expect(seconds).toBeGreaterThan(2.8);
    expect(seconds).toBeLessThan(6);
    // Every slot was settled or given back, the next ones each sender reserved with its last record included: none
    // still counts as a request that may arrive. An in-flight bound lies the request timeout plus 5 s (6 s here)
    // after its slot; a settled one is the answer's time, counted from before the reservation was asked for (up to
    // a round trip later than the answer).
    const budget = await prisma.sendBudget.findUniqueOrThrow({ where: { key: limiterKey("postscript", shop.apiKey) } });
    expect(budget.arrivalBounds.filter((bound) => bound.getTime() > Date.now() + 3_000)).toEqual([]);
  });

  it("honours a lower configured limit", async () => {
    const { shop, restockId } = await plannedRestock(12, { rateLimitPerSecond: 5 });
    sandbox.state.setRateLimit(5);
    try {
      const started = Date.now();
      await drain(shop.shopId);
      expect(Date.now() - started).toBeGreaterThan(2_000);
      await expectExactlyOnce(shop, restockId, 12);
      expect(sandbox.state.account(shop.apiKey)?.rateLimited429Count).toBe(0);
    } finally {
      sandbox.state.setRateLimit(15);
    }
  });
});
