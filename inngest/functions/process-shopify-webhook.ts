import { AppError } from "@/lib/errors/app-error";
import { defineJob } from "@/lib/jobs/define-job";
import { NonRetriableJobError } from "@/lib/jobs/job-errors";
import { markWebhookFailed, processShopifyWebhook } from "@/lib/shopify/process-shopify-webhook";

/**
 * Applies a stored Shopify webhook (lib/shopify/process-shopify-webhook). One run per webhook event at a time; an
 * unusable payload is not retried. When the runner gives up (retries used up), the webhook is marked failed with
 * the reason: it then shows on the Overview and the support console, where an agent can replay it.
 */
export const processShopifyWebhookJob = defineJob({
  id: "process-shopify-webhook",
  trigger: { event: "webhookReceived" },
  retries: 8,
  concurrency: { key: "webhookEventId" },
  // A run is a few short queries, so the local runner's default of 8 side by side only queued webhooks: in a burst
  // of 20 shops' restocks the next shop's small restock waited 1.3–4.1 s to start (bench/many-shops.ts).
  localRunsPerProcess: 24,
  onFailure: async ({ data, error }) => {
    await markWebhookFailed(data.webhookEventId, error.message);
  },
  run: async ({ data: { webhookEventId } }) => {
    try {
      return await processShopifyWebhook(webhookEventId);
    } catch (error) {
      if (error instanceof AppError && error.code === "BAD_REQUEST")
        throw new NonRetriableJobError(error.message, { cause: error });
      throw error;
    }
  },
});
