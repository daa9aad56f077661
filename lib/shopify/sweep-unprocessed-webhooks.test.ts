import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { seedDemoCatalog } from "@/lib/db/seed-demo-catalog";
import { diagnostic } from "@/lib/diagnostics/diagnostics-test-fixtures";
import { listFailedWebhooks } from "@/lib/support/list-failed-webhooks";
import { replayWebhook } from "@/lib/support/replay-webhook";
import { runSupportAction } from "@/lib/support/run-support-action";
import { replayWebhookSchema } from "@/lib/support/support-action-schemas";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { processShopifyWebhook, WEBHOOK_MAX_ATTEMPTS } from "./process-shopify-webhook";
import { findWebhooksToRetry, sweepUnprocessedWebhooks, webhookRetryPauseMs } from "./sweep-unprocessed-webhooks";
import { inventoryLevelPayload } from "./webhook-payloads";
import { storeWebhookEvent } from "./webhook-test-helpers";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const stock = (available: number) =>
  inventoryLevelPayload({ inventoryItemId: "48310000000012", locationId: "74211000001", available });
const REASON = "Merchant says stock is behind Shopify (ticket 88)";
const replay = (user: Awaited<ReturnType<typeof createSupportAgent>>, input: Record<string, unknown>) =>
  runSupportAction(
    user,
    {
      action: "support.webhook_replayed",
      schema: replayWebhookSchema,
      handler: replayWebhook,
      auditMetadata: (i) => ({ webhookEventId: i.webhookEventId }),
    },
    input,
  );

async function catalogShop() {
  const shop = await createShop();
  await seedDemoCatalog(prisma, shop.id);
  return shop;
}

describe("retrying stored Shopify webhooks", () => {
  it("processes a webhook whose hand-off was lost (never attempted), but not one just received", async () => {
    const shop = await catalogShop();
    const lost = await storeWebhookEvent(shop, "inventory_levels/update", stock(6));
    await prisma.webhookEvent.update({ where: { id: lost.id }, data: { receivedAt: minutesAgo(15) } });
    const fresh = await storeWebhookEvent(shop, "inventory_levels/update", stock(8));
    const due = (await findWebhooksToRetry()).map((e) => e.id);
    expect(due).toContain(lost.id);
    expect(due).not.toContain(fresh.id);
    await sweepUnprocessedWebhooks();
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({
      attempts: 1,
      failedAt: null,
      processedAt: expect.any(Date),
    });
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({
      attempts: 0,
      processedAt: null,
    });
  });

  it("waits a growing pause after each failed attempt", async () => {
    const shop = await catalogShop();
    const event = await storeWebhookEvent(shop, "inventory_levels/update", stock(3));
    await prisma.webhookEvent.update({
      where: { id: event.id },
      data: { attempts: 2, error: "connection reset", lastAttemptAt: minutesAgo(15) },
    });
    expect(webhookRetryPauseMs(2)).toBe(20 * 60_000);
    expect((await findWebhooksToRetry()).map((e) => e.id)).not.toContain(event.id);
    await prisma.webhookEvent.update({ where: { id: event.id }, data: { lastAttemptAt: minutesAgo(21) } });
    expect((await findWebhooksToRetry()).map((e) => e.id)).toContain(event.id);
  });

  it("marks a webhook failed once its attempts are used up, and never picks it again", async () => {
    const shop = await catalogShop();
    const event = await storeWebhookEvent(shop, "inventory_levels/update", stock(4));
    // A run that started its last allowed attempt and never finished (the process died).
    await prisma.webhookEvent.update({
      where: { id: event.id },
      data: { attempts: WEBHOOK_MAX_ATTEMPTS, error: "timed out", lastAttemptAt: minutesAgo(24 * 60) },
    });
    expect(await sweepUnprocessedWebhooks()).toMatchObject({ failed: expect.any(Number) });
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      failedAt: expect.any(Date),
      processedAt: null,
    });
    expect((await findWebhooksToRetry(new Date(Date.now() + 24 * 3_600_000))).map((e) => e.id)).not.toContain(event.id);
  });

  it("fails an unusable payload for good at once, keeping the reason", async () => {
    const shop = await catalogShop();
    const event = await storeWebhookEvent(shop, "inventory_levels/update", {
      inventory_item_id: "not-an-id",
      location_id: 1,
      available: 1,
    });
    await expect(processShopifyWebhook(event.id)).rejects.toThrow("Unexpected inventory_levels/update payload");
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      attempts: 1,
      failedAt: expect.any(Date),
      error: expect.stringContaining("inventory_item_id"),
    });
  });
});

describe("a webhook that failed for good", () => {
  it("is a problem on the merchant's Overview with its reason, listed for agents, and replayed by an agent (audited)", async () => {
    const shop = await catalogShop();
    const event = await storeWebhookEvent(shop, "inventory_levels/update", stock(9));
    await prisma.webhookEvent.update({
      where: { id: event.id },
      data: { attempts: WEBHOOK_MAX_ATTEMPTS, failedAt: minutesAgo(5), error: "Connection terminated unexpectedly" },
    });

    expect(await diagnostic(shop.id, "webhooks-failed")).toMatchObject({
      status: "problem",
      title: "Shopify updates could not be applied",
      detail: expect.stringContaining('Latest: inventory_levels/update, "Connection terminated unexpectedly"'),
    });
    expect(await listFailedWebhooks(shop.id)).toMatchObject([
      { id: event.id, topic: "inventory_levels/update", error: "Connection terminated unexpectedly" },
    ]);

    // Merchants cannot replay (404), agents can, once.
    expect(
      await replay((await createMerchant(shop.id)) as never, {
        shopId: shop.id,
        webhookEventId: event.id,
        reason: REASON,
      }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const agent = await createSupportAgent();
    expect(await replay(agent, { shopId: shop.id, webhookEventId: event.id, reason: REASON })).toMatchObject({
      ok: true,
      data: {
        webhookEventId: event.id,
        topic: "inventory_levels/update",
        previous: { attempts: WEBHOOK_MAX_ATTEMPTS, error: "Connection terminated unexpectedly" },
      },
    });
    for (
      let i = 0;
      i < 200 && !(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).processedAt;
      i++
    )
      await new Promise((r) => setTimeout(r, 25));
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      processedAt: expect.any(Date),
      failedAt: null,
      attempts: 1,
    });
    expect(
      await prisma.variant.findFirstOrThrow({ where: { shopId: shop.id, inventoryItemId: "48310000000012" } }),
    ).toMatchObject({ available: 9 });
    expect(
      await prisma.auditLog.findMany({ where: { shopId: shop.id, action: "support.webhook_replayed" } }),
    ).toMatchObject([{ reason: REASON, actorUserId: agent.id }]);
    expect(await diagnostic(shop.id, "webhooks-failed")).toMatchObject({ status: "ok" });

    // A processed webhook is never replayed.
    expect(await replay(agent, { shopId: shop.id, webhookEventId: event.id, reason: REASON })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });
});
