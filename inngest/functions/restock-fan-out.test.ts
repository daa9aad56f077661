import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS } from "@/inngest/events";
import { prisma } from "@/lib/db/prisma";
import { addWaitlist, countByExternalId, createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { deliverStepOptions } from "./deliver-step-options";
import { restockFanOut } from "./restock-fan-out";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

async function restockEvent(waiting: number, shopOptions: Parameters<typeof createEngineShop>[0] = {}) {
  const shop = await createEngineShop({ reminderEnabled: false, ...shopOptions });
  const variant = await createEngineVariant(shop.shopId, { available: 3 });
  await addWaitlist(shop.shopId, variant.id, waiting);
  const restock = await prisma.restock.create({ data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 3 } });
  const event = { name: EVENTS.restockDetected.name, data: { shopId: shop.shopId, restockId: restock.id } };
  return { shop, restock, engine: new InngestTestEngine({ function: restockFanOut, events: [event] }) };
}

describe("restock-fan-out (Inngest)", () => {
  it("plans, then delivers in fixed-id steps until nothing is left: one alert per customer", async () => {
    const { shop, restock, engine } = await restockEvent(12);
    const { result, ctx } = await engine.execute();
    expect(result).toMatchObject({ restockId: restock.id, planned: 12, sent: 12, failed: 0, remaining: 0, paused: null, steps: 1 });
    expect(ctx.step.run).toHaveBeenCalledWith("plan-restock", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("deliver-1", expect.any(Function));
    const counts = countByExternalId(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) }));
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    // The same event again (a replayed run, a duplicate hand-off): nothing is planned or sent twice.
    const again = await new InngestTestEngine({ function: restockFanOut, events: [{ name: EVENTS.restockDetected.name, data: { shopId: shop.shopId, restockId: restock.id } }] }).execute();
    expect(again.result).toMatchObject({ planned: 12, sent: 0 });
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) })).toHaveLength(12);
  });

  it("keeps adding deliver-N steps while alerts remain", async () => {
    const { shop, engine } = await restockEvent(12, { rateLimitPerSecond: 5 });
    const budget = deliverStepOptions.maxDurationMs;
    deliverStepOptions.maxDurationMs = 900;

    try {
      const { result, ctx } = await engine.execute();
      expect(result).toMatchObject({ sent: 12, remaining: 0 });
      expect((result as { steps: number }).steps).toBeGreaterThanOrEqual(3);
      expect(ctx.step.run).toHaveBeenCalledWith("deliver-3", expect.any(Function));
      expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) })).toHaveLength(12);
    } finally {
      deliverStepOptions.maxDurationMs = budget;
    }
  });

  it("stops when sending is paused and keeps every alert pending", async () => {
    const { restock, engine } = await restockEvent(4, { enabled: false });
    const { result } = await engine.execute();
    expect(result).toMatchObject({ planned: 4, sent: 0, steps: 1, paused: expect.stringMatching(/disabled/) });
    expect(await prisma.delivery.count({ where: { restockId: restock.id, status: "PENDING" } })).toBe(4);
  });

  it("declares retries, per-shop concurrency and idempotency on the restock", () => {
    const config = restockFanOut["opts"] as unknown;
    expect(config).toMatchObject({
      id: "restock-fan-out",
      retries: 10,
      idempotency: "event.data.restockId",
      concurrency: [{ key: "event.data.shopId", limit: 2 }],
    });
  });
});

describe("restock-fan-out before a large send", () => {
  it("re-verifies the key first, and a key Postscript refuses pauses the send with every alert kept", async () => {
    const { fanOutKeyCheckOptions } = await import("@/lib/key-health/verify-before-fan-out");
    const { storeKey } = await import("@/lib/diagnostics/diagnostics-test-fixtures");
    const threshold = fanOutKeyCheckOptions.largeFanOut;
    fanOutKeyCheckOptions.largeFanOut = 5;
    try {
      const { shop, restock, engine } = await restockEvent(6);
      await storeKey(shop.shopId, "sk_live_revoked_key_6060");
      await prisma.integration.update({ where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } }, data: { lastVerifiedAt: new Date(Date.now() - 60 * 60_000) } });
      const { result, ctx } = await engine.execute();
      expect(ctx.step.run).toHaveBeenCalledWith("verify-key-before-fan-out", expect.any(Function));
      expect(result).toMatchObject({ planned: 6, sent: 0, keyCheck: { checked: true, result: { status: "invalid" } }, paused: expect.stringMatching(/not verified/) });
      expect(await prisma.delivery.count({ where: { restockId: restock.id, status: "PENDING" } })).toBe(6);
      expect(await prisma.integration.findUniqueOrThrow({ where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } } })).toMatchObject({ verification: "INVALID" });

      // A small restock is not re-verified.
      const small = await restockEvent(2);
      expect((await small.engine.execute()).result).toMatchObject({ keyCheck: { checked: false, reason: "small" }, sent: 2 });
    } finally {
      fanOutKeyCheckOptions.largeFanOut = threshold;
    }
  });
});
