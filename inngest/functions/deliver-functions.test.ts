import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/jobs/job-events";
import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_REMINDER } from "@/lib/deliveries/event-types";
import { MIN_WAKE_DELAY_MS } from "@/lib/deliveries/next-queue-wake";
import { LocalJobRunner } from "@/lib/jobs/local-runner";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { addWaitlist, createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { jobs } from "../index";
import { safetyNetSweep } from "./safety-net-sweep";
import { deliverShopQueue } from "./deliver-shop-queue";
import { wakeShopQueue } from "./wake-shop-queue";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

type SentEvent = { name: string; data: Record<string, unknown>; ts?: number };
const sentEvents = (ctx: { step: { sendEvent: unknown } }) =>
  (ctx.step.sendEvent as unknown as { mock: { calls: [string, SentEvent[]][] } }).mock.calls;

// The wake-up step is mocked (the test engine would send it to an Inngest server); its call is asserted.
const drainer = (shopId: string) =>
  new InngestTestEngine({
    function: toInngestFunction(deliverShopQueue),
    events: [{ name: EVENTS.deliveriesQueued.name, data: { shopId } }],
    steps: [{ id: "schedule-wake", handler: () => ({ ids: [] }) }],
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
    const before = Date.now();
    const { result, ctx } = await drainer(shop.shopId).execute();
    expect(result).toMatchObject({ shopId: shop.shopId, sent: 3, passes: 1, paused: null, nextDueAt: null });
    expect(ctx.step.run).toHaveBeenCalledWith("deliver-1", expect.any(Function));
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "preorder_sms_confirmed" })).toHaveLength(3);
    // It sent: one more look just after the run ends (a wake-up skipped while it ended), and the reports are told.
    const [stepId, events] = sentEvents(ctx)[0]!;
    expect(stepId).toBe("schedule-wake");
    expect(events).toEqual([
      { name: EVENTS.deliveriesWakeScheduled.name, data: { shopId: shop.shopId }, ts: expect.any(Number) },
      { name: EVENTS.reportsChanged.name, data: {} },
    ]);
    expect(events[0]!.ts! - before).toBeGreaterThanOrEqual(MIN_WAKE_DELAY_MS);
    expect(events[0]!.ts! - Date.now()).toBeLessThanOrEqual(MIN_WAKE_DELAY_MS);
  });

  it("with only a reminder due later, schedules its wake-up at exactly the reminder's time and tells no one else", async () => {
    const shop = await createEngineShop();
    const due = new Date(Date.now() + 2 * 60_000);
    await prisma.delivery.create({
      data: {
        shopId: shop.shopId,
        provider: "POSTSCRIPT",
        eventType: BACK_IN_STOCK_REMINDER,
        idempotencyKey: `${shop.shopId}:reminder`,
        recipientPhone: "+15555550170",
        nextAttemptAt: due,
      },
    });
    const { result, ctx } = await drainer(shop.shopId).execute();
    expect(result).toMatchObject({ sent: 0, remaining: 0, nextDueAt: due.toISOString(), wakeAt: due.toISOString() });
    expect(sentEvents(ctx)).toEqual([
      [
        "schedule-wake",
        [{ name: EVENTS.deliveriesWakeScheduled.name, data: { shopId: shop.shopId }, ts: due.getTime() }],
      ],
    ]);
  });

  it("with nothing left to send, schedules nothing (an idle shop costs no runs)", async () => {
    const shop = await createEngineShop();
    const { result, ctx } = await drainer(shop.shopId).execute();
    expect(result).toMatchObject({ sent: 0, nextDueAt: null, wakeAt: null });
    // An empty list is no step at all (lib/jobs/inngest-functions).
    expect(sentEvents(ctx)).toEqual([]);
  });

  it("runs one sender per shop at a time", () => {
    expect((toInngestFunction(deliverShopQueue) as unknown as { opts: unknown }).opts).toMatchObject({
      id: "deliver-shop-queue",
      retries: 10,
      singleton: { key: "event.data.shopId", mode: "skip" },
    });
  });
});

describe("wake-shop-queue", () => {
  it("wakes the shop's drainer when its scheduled time comes (Inngest)", async () => {
    const { ctx } = await new InngestTestEngine({
      function: toInngestFunction(wakeShopQueue),
      events: [{ name: EVENTS.deliveriesWakeScheduled.name, data: { shopId: "shop-1" } }],
      steps: [{ id: "wake-shop-queue", handler: () => ({ ids: [] }) }],
    }).execute();
    expect(sentEvents(ctx)).toEqual([
      ["wake-shop-queue", [{ name: EVENTS.deliveriesQueued.name, data: { shopId: "shop-1" } }]],
    ]);
  });

  it("a reminder scheduled 2 minutes out is sent at its time, with no sweep running (local runner)", async () => {
    const shop = await createEngineShop({ reminderEnabled: true, reminderDelayMinutes: 2 });
    const shopId = shop.shopId;
    const variant = await createEngineVariant(shopId, { available: 3 });
    await addWaitlist(shopId, variant.id, 1);
    const restock = await prisma.restock.create({
      data: { shopId, variantId: variant.id, trigger: "INVENTORY", available: 3 },
    });
    const runner = new LocalJobRunner({ jobs, scope: { shopId }, crons: false, pollMs: 50 });
    const reminders = () =>
      sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: BACK_IN_STOCK_REMINDER }).length;
    const wakes = () =>
      prisma.job.findMany({
        where: { name: wakeShopQueue.id, status: "PENDING", data: { path: ["shopId"], equals: shopId } },
      });
    // Moves a pending wake-up (and, for time passing, the reminder) earlier by `ms`.
    const earlier = (id: string, at: Date, ms: number) =>
      prisma.job.update({ where: { id }, data: { runAt: new Date(at.getTime() - ms) } });

    await sendJobEvent("restockDetected", { shopId, restockId: restock.id });
    await runner.runUntilIdle();
    const reminder = await prisma.delivery.findFirstOrThrow({
      where: { restockId: restock.id, eventType: BACK_IN_STOCK_REMINDER },
    });
    expect(reminder.status).toBe("PENDING");
    const dueAt = reminder.nextAttemptAt!;
    expect(dueAt.getTime() - Date.now()).toBeGreaterThan(100_000);

    // The drain that sent the alert asked for one more look right after it; run it now (a wake-up is safe at any
    // time): it finds nothing due and schedules the next wake-up at the reminder's due time, to the millisecond.
    const [followUp, ...others] = await wakes();
    expect(others).toEqual([]);
    expect(followUp!.runAt.getTime() - Date.now()).toBeLessThanOrEqual(MIN_WAKE_DELAY_MS);
    await earlier(followUp!.id, followUp!.runAt, MIN_WAKE_DELAY_MS);
    await runner.runUntilIdle();
    const [atReminder, ...more] = await wakes();
    expect(more).toEqual([]);
    expect(atReminder!.runAt.getTime()).toBe(dueAt.getTime());
    expect(reminders()).toBe(0);

    // Two minutes pass: the reminder and its wake-up come due together, and it goes out.
    await prisma.delivery.update({
      where: { id: reminder.id },
      data: { nextAttemptAt: new Date(dueAt.getTime() - 2 * 60_000) },
    });
    await earlier(atReminder!.id, atReminder!.runAt, 2 * 60_000);
    await runner.runUntilIdle();
    expect(reminders()).toBe(1);
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({
      status: "DELIVERED",
    });
    expect(
      await prisma.job.count({ where: { name: safetyNetSweep.id, data: { path: ["shopId"], equals: shopId } } }),
    ).toBe(0);
  });
});
