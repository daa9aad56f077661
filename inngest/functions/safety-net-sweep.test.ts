import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { seedDemoCatalog } from "@/lib/db/seed-demo-catalog";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { EVENTS } from "@/lib/jobs/job-events";
import { addWaitlist, createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { inventoryLevelPayload } from "@/lib/shopify/webhook-payloads";
import { storeWebhookEvent } from "@/lib/shopify/webhook-test-helpers";
import { createShop } from "@/lib/testing/fixtures";
import { safetyNetSweep } from "./safety-net-sweep";

type StepCalls = { mock: { calls: [string | { id: string }, ...unknown[]][] } };
const stepIds = (ctx: { step: { run: unknown } }) =>
  (ctx.step.run as unknown as StepCalls).mock.calls.map(([id]) => (typeof id === "string" ? id : id.id));

// The wake-up events go to Inngest (the test engine would send them to a server): that step is mocked and asserted.
const sweep = () =>
  new InngestTestEngine({
    function: toInngestFunction(safetyNetSweep),
    steps: [{ id: "queue-due-shops", handler: () => ({ ids: [] }) }],
  });

describe("safety-net-sweep (Inngest cron)", () => {
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

    const { ctx } = await sweep().execute();
    expect(await prisma.restock.findUnique({ where: { id: stalled.id } })).toMatchObject({
      planned: 3,
      plannedAt: expect.any(Date),
    });
    const calls = (
      ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: { shopId: string } }[]][] } }
    ).mock.calls;
    expect(calls).toHaveLength(1);
    const [stepId, events] = calls[0]!;
    expect(stepId).toBe("queue-due-shops");
    const woken = events.map((e) => e.data.shopId);
    expect(events.every((e) => e.name === EVENTS.deliveriesQueued.name)).toBe(true);
    expect(woken).toEqual(expect.arrayContaining([stalledShop.shopId, dueShop.shopId]));
    expect(woken).not.toContain(laterShop.shopId);
    // Finding the work is one step (an idle run's only one); planning and the due shops are in it.
    expect(stepIds(ctx)[0]).toBe("find-work");
  });

  it("gives the webhook net its own step when a stored webhook's hand-off was lost, and it processes it", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const stock = inventoryLevelPayload({ inventoryItemId: "48310000000012", locationId: "74211000001", available: 4 });
    const lost = await storeWebhookEvent(shop, "inventory_levels/update", stock);
    await prisma.webhookEvent.update({
      where: { id: lost.id },
      data: { receivedAt: new Date(Date.now() - 15 * 60_000) },
    });

    const { ctx } = await sweep().execute();
    expect(stepIds(ctx)).toContain("sweep-unprocessed-webhooks");
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({
      processedAt: expect.any(Date),
    });
  });

  it("runs every 5 minutes, one at a time", () => {
    expect((toInngestFunction(safetyNetSweep) as unknown as { opts: unknown }).opts).toMatchObject({
      id: "safety-net-sweep",
      triggers: [{ cron: "*/5 * * * *" }],
      concurrency: 1,
      retries: 3,
    });
  });
});
