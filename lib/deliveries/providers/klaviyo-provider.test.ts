import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import type { KeyVerification } from "@/lib/generated/prisma/client";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { createEngineShop, warmUpEngine } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { deliverDue } from "../deliver-due";
import { classifyProviderFailure } from "./classify-provider-failure";
import { klaviyoFailure, klaviyoProvider } from "./klaviyo-provider";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
  await warmUpEngine();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.state.setFaults({ down: false, share429: 0, share500: 0, slowShare: 0, slowMs: 0, seed: 3 });
  sandbox.state.klaviyo.setRateLimit({ burstPerSecond: 350, steadyPerMinute: 3_500 });
});

// Fast retries so fault scenarios finish in seconds; the production policy starts at 1 s.
const FAST = { retry: { baseMs: 50, capMs: 400 } };
const EVENT = "order_editing_started";

type KlaviyoShop = { shopId: string; key: string };

/** A shop (Postscript connected too, as most are) with a Klaviyo integration in the given state. */
async function klaviyoShop(
  options: { enabled?: boolean; verification?: KeyVerification; key?: string } = {},
): Promise<KlaviyoShop> {
  const { shopId } = await createEngineShop({ reminderEnabled: false });
  const key = options.key ?? `pk_sandbox_${randomBytes(8).toString("hex")}`;
  await prisma.integration.create({
    data: {
      provider: "KLAVIYO",
      shopId,
      encryptedKey: encryptSecret(key),
      keyLast4: key.slice(-4),
      enabled: options.enabled ?? true,
      verification: options.verification ?? "VERIFIED",
      lastVerifiedAt: new Date(),
    },
  });
  return { shopId, key };
}

/** `count` Klaviyo ledger rows of one order-editing event, due now; every third has a phone only. */
async function queue(shopId: string, count: number, eventType = EVENT) {
  const rows = Array.from({ length: count }, (_, i) => ({
    shopId,
    provider: "KLAVIYO" as const,
    eventType,
    idempotencyKey: `${shopId}:${eventType}:order_${i}`,
    recipientEmail: i % 3 === 2 ? null : `customer${i}@example.com`,
    recipientPhone: i % 3 === 0 ? null : `+1555${String(1_000_000 + i).padStart(7, "0")}`,
    properties: { order_name: `#${1001 + i}`, offer_count: i % 4, shop_name: "Northwind" },
    nextAttemptAt: new Date(),
  }));
  await prisma.delivery.createMany({ data: rows });
  return rows;
}

const ledger = (shopId: string) =>
  prisma.delivery.findMany({ where: { shopId, provider: "KLAVIYO" }, orderBy: { idempotencyKey: "asc" } });
const events = (shop: KlaviyoShop) => sandbox.state.klaviyo.events({ keyLast4: shop.key.slice(-4) });

/** Sends until nothing is left, including retries after their backoff. */
async function drain(shopId: string, options = FAST) {
  for (let i = 0; i < 50; i++) {
    const result = await deliverDue(shopId, { maxDurationMs: 10_000, ...options });
    const open = await prisma.delivery.count({
      where: { shopId, provider: "KLAVIYO", status: { in: ["PENDING", "RETRYING"] } },
    });
    if (result.paused || open === 0) return result;
  }
  throw new Error("deliveries did not drain");
}

/** Every row is DELIVERED and Klaviyo recorded exactly one event per row, under the row's key as unique_id. */
async function expectExactlyOnce(shop: KlaviyoShop, count: number) {
  const rows = await ledger(shop.shopId);
  expect(rows).toHaveLength(count);
  expect(rows.filter((row) => row.status !== "DELIVERED")).toEqual([]);
  const recorded = events(shop);
  expect(recorded).toHaveLength(count);
  expect(new Set(recorded.map((event) => event.uniqueId))).toEqual(new Set(rows.map((row) => row.idempotencyKey)));
}

describe("classifyProviderFailure for Klaviyo", () => {
  it.each([
    [
      new KlaviyoError({ kind: "rate_limited", status: 429, retryAfterMs: 2_000 }),
      { outcome: "retry", rateLimited: true, retryAfterMs: 2_000, responseStatus: 429 },
    ],
    [
      new KlaviyoError({ kind: "server_error", status: 503 }),
      { outcome: "retry", rateLimited: false, responseStatus: 503 },
    ],
    [new KlaviyoError({ kind: "timeout" }), { outcome: "retry", rateLimited: false }],
    [new KlaviyoError({ kind: "network" }), { outcome: "retry", rateLimited: false }],
    [new KlaviyoError({ kind: "invalid_key", status: 401 }), { outcome: "pause", responseStatus: 401 }],
    [new KlaviyoError({ kind: "forbidden", status: 403 }), { outcome: "pause", responseStatus: 403 }],
    [
      new KlaviyoError({ kind: "rejected", status: 400, klaviyoMessage: "Invalid phone." }),
      { outcome: "failed", responseStatus: 400, error: "Klaviyo rejected the request: Invalid phone." },
    ],
    [new Error("boom"), { outcome: "retry", error: "Unexpected error while sending: boom" }],
  ])("%s", (error, expected) => {
    expect(classifyProviderFailure(error, klaviyoFailure)).toMatchObject(expected);
  });
});

describe("sending through Klaviyo with the delivery engine", () => {
  it("sends each row once as a Klaviyo event: display name as metric, stored properties, the row's key as unique_id", async () => {
    const shop = await klaviyoShop();
    const rows = await queue(shop.shopId, 12);
    const result = await drain(shop.shopId);
    expect(result).toMatchObject({ sent: 12, failed: 0, paused: null });
    await expectExactlyOnce(shop, 12);
    const first = events(shop).find((event) => event.uniqueId === rows[1]!.idempotencyKey);
    expect(first).toMatchObject({
      metric: "Order Editing Started",
      profile: { email: "customer1@example.com", phoneNumber: "+15551000001" },
      properties: { order_name: "#1002", offer_count: 1, shop_name: "Northwind" },
    });
    expect(events(shop).find((event) => event.uniqueId === rows[0]!.idempotencyKey)?.profile).toMatchObject({
      email: "customer0@example.com",
      phoneNumber: null,
    });
    expect((await ledger(shop.shopId)).every((row) => row.responseStatus === 202 && row.attempts === 1)).toBe(true);
  });

  it("uses the event type itself as the metric for a type outside the catalog", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 1, "custom_thing");
    await drain(shop.shopId);
    expect(events(shop)[0]?.metric).toBe("custom_thing");
  });

  it("sends Postscript and Klaviyo rows of the same shop each through its own provider", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 3);
    const postscriptKey = (
      await prisma.delivery.create({
        data: {
          shopId: shop.shopId,
          provider: "POSTSCRIPT",
          eventType: EVENT,
          idempotencyKey: `${shop.shopId}:ps:1`,
          recipientPhone: "+15555550111",
          properties: { order_name: "#1" },
          nextAttemptAt: new Date(),
        },
      })
    ).idempotencyKey;
    await drain(shop.shopId);
    await expectExactlyOnce(shop, 3);
    expect(sandbox.state.inbox({ type: EVENT }).filter((entry) => entry.externalId === postscriptKey)).toHaveLength(1);
  });

  it("retries through a 429 storm and Klaviyo records each event once", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 10);
    sandbox.state.setFaults({ share429: 0.4 });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, 10);
    expect((await ledger(shop.shopId)).some((row) => row.attempts > 1)).toBe(true);
  });

  it("honours Klaviyo's Retry-After when the burst limit is hit, and still delivers everything", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 30);
    sandbox.state.klaviyo.setRateLimit({ burstPerSecond: 10 });
    const started = Date.now();
    await drain(shop.shopId);
    await expectExactlyOnce(shop, 30);
    expect(sandbox.state.klaviyo.account(shop.key)?.rateLimited429Count).toBeGreaterThan(0);
    // 30 events at 10 a second cannot take less than 2 s; the held slots make the engine wait, not spin.
    expect(Date.now() - started).toBeGreaterThan(1_900);
  });

  it("retries 5xx with backoff", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 15);
    sandbox.state.setFaults({ share500: 0.3 });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, 15);
  });

  it("resends after a timeout, which Klaviyo's de-duplication on unique_id makes safe", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 12);
    sandbox.state.setFaults({ slowShare: 0.4, slowMs: 1_300 });
    await drain(shop.shopId);
    sandbox.state.setFaults({ slowShare: 0 });
    // The sandbox records a slow request once its delay is over, after we stopped waiting and resent it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expectExactlyOnce(shop, 12);
    const retried = (await ledger(shop.shopId)).filter((row) => row.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((row) => row.error === null)).toBe(true);
    expect(sandbox.state.klaviyo.account(shop.key)?.duplicatesIgnored).toBeGreaterThan(0);
  });

  it("keeps retrying while Klaviyo is down and sends everything once it is back", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 6);
    sandbox.state.setFaults({ down: true });
    const during = await deliverDue(shop.shopId, { maxDurationMs: 600, ...FAST });
    expect(during.sent).toBe(0);
    expect(
      (await ledger(shop.shopId)).some((row) => row.status === "RETRYING" && /HTTP 503/.test(row.error ?? "")),
    ).toBe(true);
    sandbox.state.setFaults({ down: false });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, 6);
  });

  it("fails a row Klaviyo would reject, with the reason, and sends the others", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 2);
    await prisma.delivery.create({
      data: {
        shopId: shop.shopId,
        provider: "KLAVIYO",
        eventType: EVENT,
        idempotencyKey: `${shop.shopId}:bad`,
        recipientPhone: "555-0123",
        properties: {},
        nextAttemptAt: new Date(),
      },
    });
    await drain(shop.shopId);
    const bad = await prisma.delivery.findUnique({ where: { idempotencyKey: `${shop.shopId}:bad` } });
    expect(bad).toMatchObject({
      status: "FAILED",
      attempts: 1,
      error: expect.stringMatching(/^Klaviyo would reject this event: profile\.phone_number: must be an E\.164/),
    });
    expect(events(shop)).toHaveLength(2);
  });
});

describe("pausing: rows wait and nothing is lost", () => {
  it.each([
    ["not connected", null, /Klaviyo is not connected/],
    ["disabled", { enabled: false }, /Klaviyo integration is disabled/],
    ["not verified", { verification: "UNVERIFIED" as const }, /Klaviyo key is not verified/],
    ["invalid", { verification: "INVALID" as const }, /Klaviyo key is not verified/],
  ])("pauses while %s, then sends everything once it is fixed", async (_label, state, reason) => {
    const shop = state
      ? await klaviyoShop(state)
      : { shopId: (await createEngineShop()).shopId, key: `pk_sandbox_${randomBytes(8).toString("hex")}` };
    await queue(shop.shopId, 5);
    const paused = await deliverDue(shop.shopId, { maxDurationMs: 1_000 });
    expect(paused).toMatchObject({ sent: 0, paused: expect.stringMatching(reason), remaining: 5 });
    expect((await ledger(shop.shopId)).every((row) => row.status === "PENDING" && row.attempts === 0)).toBe(true);
    expect(events(shop)).toEqual([]);

    const fixed = {
      encryptedKey: encryptSecret(shop.key),
      keyLast4: shop.key.slice(-4),
      enabled: true,
      verification: "VERIFIED" as const,
    };
    await prisma.integration.upsert({
      where: { shopId_provider: { shopId: shop.shopId, provider: "KLAVIYO" } },
      create: { provider: "KLAVIYO", shopId: shop.shopId, ...fixed },
      update: fixed,
    });
    await drain(shop.shopId);
    await expectExactlyOnce(shop, 5);
  });

  it("pauses on a key Klaviyo refuses, marks the integration invalid, and resumes with a working key", async () => {
    const shop = await klaviyoShop({ key: "pk_live_revoked_0123456789abcdef" });
    await queue(shop.shopId, 4);
    const paused = await deliverDue(shop.shopId, { maxDurationMs: 2_000 });
    expect(paused.paused).toMatch(/Klaviyo did not accept the API key/);
    expect(
      await prisma.integration.findUnique({ where: { shopId_provider: { shopId: shop.shopId, provider: "KLAVIYO" } } }),
    ).toMatchObject({
      verification: "INVALID",
      lastError: expect.stringMatching(/did not accept/),
    });
    const waiting = await ledger(shop.shopId);
    expect(waiting.every((row) => row.status === "PENDING" && row.attempts === 0)).toBe(true);

    const working = `pk_sandbox_${randomBytes(8).toString("hex")}`;
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.shopId, provider: "KLAVIYO" } },
      data: { encryptedKey: encryptSecret(working), verification: "VERIFIED" },
    });
    await drain(shop.shopId);
    await expectExactlyOnce({ ...shop, key: working }, 4);
  });

  it("pauses on a key without scopes (403)", async () => {
    const shop = await klaviyoShop({ key: `pk_sandbox_noperm_${randomBytes(6).toString("hex")}` });
    await queue(shop.shopId, 2);
    expect((await deliverDue(shop.shopId, { maxDurationMs: 1_000 })).paused).toMatch(/lacks a required scope/);
    expect(
      (
        await prisma.integration.findUnique({
          where: { shopId_provider: { shopId: shop.shopId, provider: "KLAVIYO" } },
        })
      )?.verification,
    ).toBe("INVALID");
  });

  it("does not mark a newer key invalid when the refused one was replaced meanwhile", async () => {
    const shop = await klaviyoShop({ key: "pk_live_revoked_fedcba9876543210" });
    await queue(shop.shopId, 2);
    const replacement = encryptSecret(`pk_sandbox_${randomBytes(8).toString("hex")}`);
    // The merchant saves a new key while the old session is still sending: the refusal concerns the old key only.
    const opened = await klaviyoProvider.open(shop.shopId);
    expect(opened.status).toBe("ready");
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.shopId, provider: "KLAVIYO" } },
      data: { encryptedKey: replacement },
    });
    const [row] = await ledger(shop.shopId);
    const result =
      opened.status === "ready" ? await opened.session.send({ ...row!, properties: {}, attempts: 1 }) : null;
    expect(result).toMatchObject({ outcome: "pause" });
    expect(
      await prisma.integration.findUnique({ where: { shopId_provider: { shopId: shop.shopId, provider: "KLAVIYO" } } }),
    ).toMatchObject({ encryptedKey: replacement, verification: "VERIFIED" });
  });

  it("keeps an uninstalled shop's rows waiting", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 2);
    await prisma.shop.update({ where: { id: shop.shopId }, data: { uninstalledAt: new Date() } });
    expect((await deliverDue(shop.shopId, { maxDurationMs: 500 })).paused).toMatch(/uninstalled/);
    expect(events(shop)).toEqual([]);
  });
});

describe("pace", () => {
  it("stays at about 50 a second per key, under Klaviyo's limits, without a single 429", async () => {
    const shop = await klaviyoShop();
    await queue(shop.shopId, 100);
    const started = Date.now();
    await drain(shop.shopId);
    const seconds = (Date.now() - started) / 1_000;
    await expectExactlyOnce(shop, 100);
    expect(sandbox.state.klaviyo.account(shop.key)?.rateLimited429Count).toBe(0);
    // 100 requests at one every 21 ms take at least 2 s; far slower would mean lost pace.
    expect(seconds).toBeGreaterThan(1.9);
    expect(seconds).toBeLessThan(6);
  });
});
