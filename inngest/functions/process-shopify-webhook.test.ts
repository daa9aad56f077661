import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/jobs/job-events";
import { prisma } from "@/lib/db/prisma";
import { seedDemoCatalog } from "@/lib/db/seed-demo-catalog";
import { inventoryLevelPayload } from "@/lib/shopify/webhook-payloads";
import { storeWebhookEvent } from "@/lib/shopify/webhook-test-helpers";
import { createShop } from "@/lib/testing/fixtures";
import { processShopifyWebhookJob } from "./process-shopify-webhook";

const run = (webhookEventId: string) =>
  new InngestTestEngine({ function: toInngestFunction(processShopifyWebhookJob) }).execute({
    events: [{ name: EVENTS.webhookReceived.name, data: { webhookEventId } }],
  });

describe("processShopifyWebhookJob", () => {
  it("is triggered by the webhook event, retries 8 times and runs one webhook at a time", () => {
    const config = (toInngestFunction(processShopifyWebhookJob) as unknown as { opts: unknown }).opts as {
      id: string;
      retries: number;
      triggers: { event: string }[];
      concurrency: unknown;
    };
    expect(config).toMatchObject({
      id: "process-shopify-webhook",
      retries: 8,
      triggers: [{ event: "shopify/webhook.received" }],
      concurrency: { key: "event.data.webhookEventId", limit: 1 },
    });
  });

  it("processes the stored webhook without a step (one billed execution) and marks it processed", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const event = await storeWebhookEvent(
      shop,
      "inventory_levels/update",
      inventoryLevelPayload({ inventoryItemId: "48310000000022", locationId: "74211000001", available: 7 }),
    );
    const { result, ctx } = await run(event.id);
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(result).toMatchObject({ outcome: "processed", topic: "inventory_levels/update" });
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).processedAt).not.toBeNull();
    const variant = await prisma.variant.findUniqueOrThrow({
      where: { shopId_shopifyVariantId: { shopId: shop.id, shopifyVariantId: "46211000000022" } },
    });
    expect(variant.available).toBe(7);

    // A second run (Inngest retry or redelivery) does nothing.
    expect((await run(event.id)).result).toEqual({ outcome: "already_processed", topic: "inventory_levels/update" });
  });

  it("fails without retrying when the payload cannot be used, and records why", async () => {
    const shop = await createShop();
    const event = await storeWebhookEvent(shop, "inventory_levels/update", {
      inventory_item_id: "not-an-id",
      location_id: 1,
      available: 1,
    });
    const { error } = await run(event.id);
    expect(error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringContaining("Unexpected inventory_levels/update payload: inventory_item_id"),
    });
    expect((await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).error).toContain(
      "inventory_item_id",
    );
  });

  it("marks the webhook failed with Inngest's final error when retries are used up (onFailure)", async () => {
    const shop = await createShop();
    const event = await storeWebhookEvent(
      shop,
      "inventory_levels/update",
      inventoryLevelPayload({ inventoryItemId: "48310000000022", locationId: "74211000001", available: 3 }),
    );
    const { onFailure } = (toInngestFunction(processShopifyWebhookJob) as unknown as { opts: unknown })
      .opts as unknown as { onFailure: (args: { event: unknown; error: Error }) => Promise<void> };
    await onFailure({
      event: {
        name: "inngest/function.failed",
        data: { event: { name: EVENTS.webhookReceived.name, data: { webhookEventId: event.id } } },
      },
      error: new Error("Function timed out"),
    });
    expect(await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      failedAt: expect.any(Date),
      error: "Function timed out",
      processedAt: null,
    });
  });
});
