import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/jobs/job-events";
import { prisma } from "@/lib/db/prisma";
import {
  addWaitlist,
  countByExternalId,
  createEngineShop,
  createEngineVariant,
  runRestock,
} from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { deliverShopQueue } from "./deliver-shop-queue";
import { restockFanOut } from "./restock-fan-out";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

// The wake-up steps are mocked (the test engine would send them to an Inngest server); their calls are asserted.
const noWake = { id: "wake-shop-queue", handler: () => ({ ids: [] }) };
const noScheduledWake = { id: "schedule-wake", handler: () => ({ ids: [] }) };

async function restockEvent(waiting: number, shopOptions: Parameters<typeof createEngineShop>[0] = {}) {
  const shop = await createEngineShop({ reminderEnabled: false, ...shopOptions });
  const variant = await createEngineVariant(shop.shopId, { available: 3 });
  await addWaitlist(shop.shopId, variant.id, waiting);
  const restock = await prisma.restock.create({
    data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 3 },
  });
  const event = { name: EVENTS.restockDetected.name, data: { shopId: shop.shopId, restockId: restock.id } };
  return {
    shop,
    restock,
    engine: new InngestTestEngine({ function: toInngestFunction(restockFanOut), events: [event], steps: [noWake] }),
  };
}

describe("restock-fan-out (Inngest)", () => {
  it("plans, then wakes the shop's drainer with step.sendEvent; the drainer sends one alert per customer", async () => {
    const { shop, restock, engine } = await restockEvent(12);
    const { result, ctx } = await engine.execute();
    expect(result).toMatchObject({ restockId: restock.id, planned: 12 });
    expect(ctx.step.run).toHaveBeenCalledWith("plan-restock", expect.any(Function));
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("wake-shop-queue", [
      { name: EVENTS.deliveriesQueued.name, data: { shopId: shop.shopId } },
    ]);
    // The fan-out itself sends nothing: the shop's queue has one drainer.
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) })).toHaveLength(0);

    const drainer = new InngestTestEngine({
      function: toInngestFunction(deliverShopQueue),
      events: [{ name: EVENTS.deliveriesQueued.name, data: { shopId: shop.shopId } }],
      steps: [noScheduledWake],
    });
    expect((await drainer.execute()).result).toMatchObject({ sent: 12, remaining: 0 });
    const counts = countByExternalId(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) }));
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);

    // The same event again (a replayed run, a duplicate hand-off): nothing is planned twice.
    const again = await new InngestTestEngine({
      function: toInngestFunction(restockFanOut),
      events: [{ name: EVENTS.restockDetected.name, data: { shopId: shop.shopId, restockId: restock.id } }],
      steps: [noWake],
    }).execute();
    expect(again.result).toMatchObject({ planned: 12 });
    expect(await prisma.delivery.count({ where: { restockId: restock.id } })).toBe(12);
  });

  it("declares retries and idempotency on the restock", () => {
    const config = (toInngestFunction(restockFanOut) as unknown as { opts: unknown }).opts;
    expect(config).toMatchObject({ id: "restock-fan-out", retries: 10, idempotency: "event.data.restockId" });
  });
});

describe("restock-fan-out (local runner)", () => {
  it("plans, wakes the drainer and sends every alert once, from the job table", async () => {
    const { shop, restock } = await restockEvent(8);
    await runRestock(restock.id);
    const counts = countByExternalId(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) }));
    expect(counts.size).toBe(8);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(
      await prisma.job.findMany({
        where: { data: { path: ["shopId"], equals: shop.shopId } },
        select: { name: true, status: true },
      }),
    ).toEqual(
      expect.arrayContaining([
        { name: "restock-fan-out", status: "COMPLETED" },
        { name: "deliver-shop-queue", status: "COMPLETED" },
      ]),
    );
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
      await prisma.integration.update({
        where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
        data: { lastVerifiedAt: new Date(Date.now() - 60 * 60_000) },
      });
      const { result, ctx } = await engine.execute();
      expect(ctx.step.run).toHaveBeenCalledWith("verify-key-before-fan-out", expect.any(Function));
      expect(result).toMatchObject({ planned: 6, keyCheck: { checked: true, result: { status: "invalid" } } });
      const drained = await new InngestTestEngine({
        function: toInngestFunction(deliverShopQueue),
        events: [{ name: EVENTS.deliveriesQueued.name, data: { shopId: shop.shopId } }],
        steps: [noScheduledWake],
      }).execute();
      expect(drained.result).toMatchObject({ sent: 0, paused: expect.stringMatching(/not verified/) });
      expect(await prisma.delivery.count({ where: { restockId: restock.id, status: "PENDING" } })).toBe(6);
      expect(
        await prisma.integration.findUniqueOrThrow({
          where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
        }),
      ).toMatchObject({ verification: "INVALID" });

      // A small restock is not re-verified.
      const small = await restockEvent(2);
      expect((await small.engine.execute()).result).toMatchObject({ keyCheck: { checked: false, reason: "small" } });
    } finally {
      fanOutKeyCheckOptions.largeFanOut = threshold;
    }
  });
});
