import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/jobs/job-events";
import { prisma } from "@/lib/db/prisma";
import { addWaitlist, createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { deliverDueSweep } from "./deliver-due-sweep";
import { deliverShopQueue } from "./deliver-shop-queue";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("deliver-due-sweep (Inngest cron)", () => {
  it("plans a restock whose fan-out never started and wakes the sender of every shop with due rows", async () => {
    const stalledShop = await createEngineShop();
    const variant = await createEngineVariant(stalledShop.shopId, { available: 2 });
    await addWaitlist(stalledShop.shopId, variant.id, 3);
    const stalled = await prisma.restock.create({
      data: {
        shopId: stalledShop.shopId,
        variantId: variant.id,
        trigger: "INVENTORY",
        available: 2,
        createdAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    const dueShop = await createEngineShop();
    await prisma.delivery.create({
      data: {
        shopId: dueShop.shopId,
        provider: "POSTSCRIPT",
        eventType: "back_in_stock_sms_reminder",
        idempotencyKey: `${dueShop.shopId}:due`,
        recipientPhone: "+15555550150",
        status: "RETRYING",
        nextAttemptAt: new Date(Date.now() - 1_000),
      },
    });
    const laterShop = await createEngineShop();
    await prisma.delivery.create({
      data: {
        shopId: laterShop.shopId,
        provider: "POSTSCRIPT",
        eventType: "back_in_stock_sms_reminder",
        idempotencyKey: `${laterShop.shopId}:later`,
        recipientPhone: "+15555550151",
        nextAttemptAt: new Date(Date.now() + 3_600_000),
      },
    });

    const engine = new InngestTestEngine({
      function: toInngestFunction(deliverDueSweep),
      steps: [{ id: "queue-due-shops", handler: () => ({ ids: [] }) }],
    });
    const { ctx } = await engine.execute();
    expect(await prisma.restock.findUnique({ where: { id: stalled.id } })).toMatchObject({
      planned: 3,
      plannedAt: expect.any(Date),
    });
    const calls = (
      ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: { shopId: string } }[]][] } }
    ).mock.calls;
    expect(calls).toHaveLength(1);
    // Both checks in one step: an idle minute is billed one step.
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    const [stepId, events] = calls[0]!;
    expect(stepId).toBe("queue-due-shops");
    const woken = events.map((e) => e.data.shopId);
    expect(events.every((e) => e.name === EVENTS.deliveriesQueued.name)).toBe(true);
    expect(woken).toEqual(expect.arrayContaining([stalledShop.shopId, dueShop.shopId]));
    expect(woken).not.toContain(laterShop.shopId);
  });

  it("runs every minute, one at a time", () => {
    expect((toInngestFunction(deliverDueSweep) as unknown as { opts: unknown }).opts).toMatchObject({
      id: "deliver-due-sweep",
      triggers: [{ cron: "* * * * *" }],
      concurrency: 1,
      retries: 3,
    });
  });
});

describe("deliver-shop-queue (Inngest)", () => {
  it("sends a shop's due deliveries in deliver-N steps", async () => {
    const shop = await createEngineShop();
    for (let i = 0; i < 3; i++) {
      await prisma.delivery.create({
        data: {
          shopId: shop.shopId,
          provider: "POSTSCRIPT",
          eventType: "preorder_sms_confirmed",
          idempotencyKey: `${shop.shopId}:p${i}`,
          recipientPhone: `+1555555016${i}`,
          properties: { order_name: `#10${i}` },
          nextAttemptAt: new Date(),
        },
      });
    }
    const engine = new InngestTestEngine({
      function: toInngestFunction(deliverShopQueue),
      events: [{ name: EVENTS.deliveriesQueued.name, data: { shopId: shop.shopId } }],
    });
    const { result, ctx } = await engine.execute();
    expect(result).toMatchObject({ shopId: shop.shopId, sent: 3, passes: 1, paused: null });
    expect(ctx.step.run).toHaveBeenCalledWith("deliver-1", expect.any(Function));
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "preorder_sms_confirmed" })).toHaveLength(3);
  });

  it("runs one sender per shop at a time", () => {
    expect((toInngestFunction(deliverShopQueue) as unknown as { opts: unknown }).opts).toMatchObject({
      id: "deliver-shop-queue",
      retries: 10,
      singleton: { key: "event.data.shopId", mode: "skip" },
    });
  });
});
