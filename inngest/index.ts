import type { InngestFunction } from "inngest";
import { deliverDueSweep } from "./functions/deliver-due-sweep";
import { deliverShopQueue } from "./functions/deliver-shop-queue";
import { processShopifyWebhookFn } from "./functions/process-shopify-webhook";
import { restockFanOut } from "./functions/restock-fan-out";
import { retrySubscriberSyncsFn, syncSubscriberFn } from "./functions/sync-subscriber";

/** Every function served at /api/inngest. */
export const functions: InngestFunction.Any[] = [
  processShopifyWebhookFn,
  restockFanOut,
  deliverShopQueue,
  deliverDueSweep,
  syncSubscriberFn,
  retrySubscriberSyncsFn,
];
