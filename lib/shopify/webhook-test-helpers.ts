import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { runJobsMatching } from "@/inngest/run-jobs-for-shop";
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { signedWebhook } from "./signed-webhook";

/** The secret lib/testing/setup-env.ts gives every test process. */
export const TEST_SECRET = () => process.env.SHOPIFY_API_SECRET!;

/** A Request exactly as Shopify would send it (signed with the test secret unless told otherwise). */
export function shopifyRequest(
  topic: string,
  shopDomain: string,
  payload: unknown,
  options: { eventId?: string; secret?: string; headers?: Record<string, string | null>; body?: string } = {},
): { request: Request; eventId: string } {
  const webhook = signedWebhook(topic, shopDomain, payload, options.secret ?? TEST_SECRET(), options.eventId);
  const headers = new Headers();
  for (const [k, v] of Object.entries({ ...webhook.headers, ...options.headers })) if (v !== null) headers.set(k, v);
  return {
    request: new Request("http://app.test/api/webhooks/shopify", {
      method: "POST",
      headers,
      body: options.body ?? webhook.body,
    }),
    eventId: webhook.eventId,
  };
}

/** Stores a webhook as the route would, without queueing it, for tests that drive processing themselves. */
export async function storeWebhookEvent(shop: { id: string; domain: string }, topic: string, payload: unknown) {
  return prisma.webhookEvent.create({
    data: {
      shopId: shop.id,
      shopDomain: shop.domain,
      webhookId: randomUUID(),
      topic,
      payload: payload as Prisma.InputJsonObject,
    },
  });
}

/** Runs the processing job of the event with this Shopify event id (local runner) and waits until it is processed. */
export async function waitForWebhook(eventId: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await prisma.webhookEvent.findUnique({ where: { webhookId: eventId } });
    if (row?.processedAt) return row;
    if (row) await runJobsMatching({ webhookEventId: row.id });
    if (Date.now() > deadline) {
      expect.fail(
        `webhook ${eventId} was not processed within ${timeoutMs} ms (row: ${row ? `stored, error ${row.error ?? "none"}` : "missing"})`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
