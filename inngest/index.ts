import type { InngestFunction } from "inngest";
import { deliverDueSweep } from "./functions/deliver-due-sweep";
import { deliverShopQueue } from "./functions/deliver-shop-queue";
import { orderDeadlineNudge } from "./functions/order-deadline-nudge";
import { orderEditAbandoned } from "./functions/order-edit-abandoned";
import { orderEditingSweep } from "./functions/order-editing-sweep";
import { processShopifyWebhookFn } from "./functions/process-shopify-webhook";
import { refreshShopifyTokens } from "./functions/refresh-shopify-tokens";
import { restockFanOut } from "./functions/restock-fan-out";
import { rollUpReportsFn } from "./functions/roll-up-reports";
import { sweepUnprocessedWebhooksFn } from "./functions/sweep-unprocessed-webhooks";
import { retrySubscriberSyncsFn, syncSubscriberFn } from "./functions/sync-subscriber";
import { verifyKeysDaily } from "./functions/verify-keys-daily";

/** Every function served at /api/inngest. */
export const functions: InngestFunction.Any[] = [
  processShopifyWebhookFn,
  sweepUnprocessedWebhooksFn,
  restockFanOut,
  deliverShopQueue,
  deliverDueSweep,
  syncSubscriberFn,
  retrySubscriberSyncsFn,
  orderEditAbandoned,
  orderDeadlineNudge,
  orderEditingSweep,
  verifyKeysDaily,
  refreshShopifyTokens,
  rollUpReportsFn,
];
