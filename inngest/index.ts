import type { JobDefinition } from "@/lib/jobs/define-job";
import { applyLedgerRetentionJob } from "./functions/apply-ledger-retention";
import { catalogSyncSweep } from "./functions/catalog-sync-sweep";
import { checkShopCatalogJob } from "./functions/check-shop-catalog";
import { deliverShopQueue } from "./functions/deliver-shop-queue";
import { orderDeadlineNudge } from "./functions/order-deadline-nudge";
import { orderEditAbandoned } from "./functions/order-edit-abandoned";
import { processShopifyWebhookJob } from "./functions/process-shopify-webhook";
import { refreshShopifyTokens } from "./functions/refresh-shopify-tokens";
import { restockFanOut } from "./functions/restock-fan-out";
import { rollUpChangedReports } from "./functions/roll-up-changed-reports";
import { rollUpReportsJob } from "./functions/roll-up-reports";
import { safetyNetSweep } from "./functions/safety-net-sweep";
import { syncSubscriberJob } from "./functions/sync-subscriber";
import { verifyKeysDaily } from "./functions/verify-keys-daily";
import { wakeShopQueue } from "./functions/wake-shop-queue";

/**
 * Every background job, defined once (lib/jobs/define-job): served to Inngest at /api/inngest, or run by the
 * local runner on the job table (lib/jobs/local-runner) when Inngest is not configured.
 */
export const jobs: JobDefinition[] = [
  processShopifyWebhookJob,
  restockFanOut,
  deliverShopQueue,
  wakeShopQueue,
  safetyNetSweep,
  syncSubscriberJob,
  orderEditAbandoned,
  orderDeadlineNudge,
  verifyKeysDaily,
  refreshShopifyTokens,
  catalogSyncSweep,
  checkShopCatalogJob,
  rollUpReportsJob,
  rollUpChangedReports,
  applyLedgerRetentionJob,
];
