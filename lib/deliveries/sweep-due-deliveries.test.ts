import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { addWaitlist, createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { runJobsForShop } from "@/inngest/run-jobs-for-shop";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { planStalledRestocks, STALLED_RESTOCK_MS } from "@/lib/restock/plan-stalled-restocks";
import { findShopsWithDueDeliveries } from "./sweep-due-deliveries";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("the due-deliveries sweep", () => {
  it("plans a stalled restock and sends what is due, leaving uninstalled shops and future rows alone", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const variant = await createEngineVariant(shop.shopId, { available: 2 });
    await addWaitlist(shop.shopId, variant.id, 3);
    await prisma.restock.create({
      data: {
        shopId: shop.shopId,
        variantId: variant.id,
        trigger: "INVENTORY",
        available: 2,
        createdAt: new Date(Date.now() - 5 * 60_000),
      },
    });
    const gone = await createEngineShop();
    await prisma.shop.update({ where: { id: gone.shopId }, data: { uninstalledAt: new Date() } });
    await prisma.delivery.create({
      data: {
        shopId: gone.shopId,
        provider: "POSTSCRIPT",
        eventType: "preorder_sms_confirmed",
        idempotencyKey: `${gone.shopId}:x`,
        recipientPhone: "+15555550170",
        nextAttemptAt: new Date(),
      },
    });

    // Scoped to this test's shops: other test files share the database and have their own sandboxes.
    const scope = { shopIds: [shop.shopId, gone.shopId] };
    expect(await planStalledRestocks(STALLED_RESTOCK_MS, scope)).toEqual([shop.shopId]);
    expect(await findShopsWithDueDeliveries(scope)).toEqual([shop.shopId]);
    // What the sweep job does next: wake the shop's drainer, which sends.
    await sendJobEvent("deliveriesQueued", { shopId: shop.shopId });
    await runJobsForShop(shop.shopId);
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) })).toHaveLength(3);
    expect(await prisma.delivery.count({ where: { shopId: gone.shopId, status: "PENDING" } })).toBe(1);
  });
});
