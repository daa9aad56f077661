import type { z } from "zod";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exportCustomerData } from "./export-customer-data";
import { handleAppSubscriptionUpdate } from "./handle-app-subscription-update";
import { handleAppUninstalled } from "./handle-app-uninstalled";
import { redactCustomer } from "./redact-customer";
import { redactShop } from "./redact-shop";
import { handleBulkOperationFinish } from "@/lib/catalog/handle-bulk-operation-finish";
import { recordOrderRefund } from "@/lib/reports/record-order-refund";
import {
  bulkOperationFinishPayloadSchema,
  customersDataRequestPayloadSchema,
  customersRedactPayloadSchema,
  inventoryLevelPayloadSchema,
  orderClosedPayloadSchema,
  orderPayloadSchema,
  productPayloadSchema,
  refundPayloadSchema,
} from "./shopify-payload-schemas";
import { closeOrder } from "./close-order";
import { isShopifyTopic } from "./shopify-topics";
import { storeOrder } from "./store-order";
import { syncInventoryLevel } from "./sync-inventory-level";
import { syncProduct } from "./sync-product";
import { requestReportsRollUp } from "@/lib/reports/request-reports-roll-up";

export type ProcessShopifyWebhookResult = {
  outcome: "processed" | "already_processed" | "not_found" | "ignored";
  topic?: string;
  detail?: Prisma.InputJsonValue;
};

/** Parses a stored payload; a payload Shopify would never send is a permanent error (retrying cannot fix it). */
function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, topic: string): z.infer<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "payload";
  throw new AppError("BAD_REQUEST", `Unexpected ${topic} payload: ${where} ${issue?.message ?? "is invalid"}.`);
}

async function runTopic(event: {
  topic: string;
  shopId: string | null;
  payload: unknown;
}): Promise<Prisma.InputJsonValue | undefined> {
  const { topic, shopId, payload } = event;
  if (!shopId) return undefined; // the shop was deleted (shop/redact) after this webhook was stored
  if (!isShopifyTopic(topic)) return undefined;
  switch (topic) {
    case "products/create":
    case "products/update":
      return syncProduct(shopId, parsePayload(productPayloadSchema, payload, topic));
    case "inventory_levels/update":
      return syncInventoryLevel(shopId, parsePayload(inventoryLevelPayloadSchema, payload, topic));
    case "bulk_operations/finish":
      return handleBulkOperationFinish(shopId, parsePayload(bulkOperationFinishPayloadSchema, payload, topic));
    case "orders/create":
      return storeOrder(shopId, parsePayload(orderPayloadSchema, payload, topic));
    case "orders/fulfilled":
      return closeOrder(shopId, "fulfilled", parsePayload(orderClosedPayloadSchema, payload, topic));
    case "orders/cancelled":
      return closeOrder(shopId, "cancelled", parsePayload(orderClosedPayloadSchema, payload, topic));
    case "refunds/create":
      return recordOrderRefund(shopId, parsePayload(refundPayloadSchema, payload, topic));
    case "app/uninstalled":
      return handleAppUninstalled(shopId);
    case "app_subscriptions/update":
      return handleAppSubscriptionUpdate(shopId);
    case "customers/data_request":
      return exportCustomerData(shopId, parsePayload(customersDataRequestPayloadSchema, payload, topic));
    case "customers/redact":
      return redactCustomer(shopId, parsePayload(customersRedactPayloadSchema, payload, topic));
    case "shop/redact":
      return redactShop(shopId);
  }
}

/** Attempts before a webhook stops being retried and shows as failed (Inngest's first run and its 8 retries). */
export const WEBHOOK_MAX_ATTEMPTS = 9;

/**
 * Marks a webhook as finally failed with its reason (shown on the Overview and the support console until an
 * agent replays it). Called when retries are used up, and by Inngest's onFailure.
 */
export async function markWebhookFailed(webhookEventId: string, reason: string): Promise<void> {
  await prisma.webhookEvent.updateMany({
    where: { id: webhookEventId, processedAt: null, failedAt: null },
    data: { failedAt: new Date(), error: reason.slice(0, 2000) },
  });
}

// Two deliveries of one event handled by the same process (the in-process fallback) share one run.
const inFlight = new Map<string, Promise<ProcessShopifyWebhookResult>>();

async function processOnce(webhookEventId: string): Promise<ProcessShopifyWebhookResult> {
  const found = await prisma.webhookEvent.findUnique({ where: { id: webhookEventId } });
  if (!found) return { outcome: "not_found" };
  if (found.processedAt) return { outcome: "already_processed", topic: found.topic };
  const event = await prisma.webhookEvent.update({
    where: { id: webhookEventId },
    data: { attempts: { increment: 1 }, lastAttemptAt: new Date() },
  });
  try {
    const detail = await runTopic(event);
    // updateMany: after shop/redact the row itself is gone with the shop.
    await prisma.webhookEvent.updateMany({
      where: { id: webhookEventId },
      data: { processedAt: new Date(), error: null, failedAt: null },
    });
    // Orders, cancellations, stock and privacy requests change what the reports count.
    if (detail !== undefined) requestReportsRollUp();
    return {
      outcome: detail === undefined ? "ignored" : "processed",
      topic: event.topic,
      ...(detail === undefined ? {} : { detail }),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // An unusable payload cannot get better by retrying; anything else gets WEBHOOK_MAX_ATTEMPTS tries.
    const final = (error instanceof AppError && error.code === "BAD_REQUEST") || event.attempts >= WEBHOOK_MAX_ATTEMPTS;
    await prisma.webhookEvent
      .updateMany({
        where: { id: webhookEventId },
        data: { error: message.slice(0, 2000), ...(final ? { failedAt: new Date() } : {}) },
      })
      .catch(() => undefined);
    throw error;
  }
}

/**
 * Applies one stored Shopify webhook (catalog, stock, order, uninstall, privacy requests) and marks it processed.
 * Idempotent: an already processed event is skipped. Each run counts an attempt. On failure the error text is
 * kept on the WebhookEvent and the error is rethrown so Inngest retries (the sweep retries too); an AppError
 * BAD_REQUEST (the payload itself is unusable) or the last allowed attempt marks it failed for good.
 */
export async function processShopifyWebhook(webhookEventId: string): Promise<ProcessShopifyWebhookResult> {
  const running = inFlight.get(webhookEventId);
  if (running) return running;
  const run = processOnce(webhookEventId).finally(() => inFlight.delete(webhookEventId));
  inFlight.set(webhookEventId, run);
  return run;
}
