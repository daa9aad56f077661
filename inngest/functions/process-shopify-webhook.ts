import { NonRetriableError } from "inngest";
import { inngest } from "@/inngest/client";
import { EVENTS } from "@/inngest/events";
import { AppError } from "@/lib/errors/app-error";
import { markWebhookFailed, processShopifyWebhook } from "@/lib/shopify/process-shopify-webhook";

/**
 * Applies a stored Shopify webhook (lib/shopify/process-shopify-webhook). Thin by design: the in-process demo
 * fallback calls the same function. One run per webhook event at a time; an unusable payload is not retried.
 * When Inngest gives up (retries used up, a run that never finished), the webhook is marked failed with the
 * reason: it then shows on the Overview and the support console, where an agent can replay it.
 */
export const processShopifyWebhookFn = inngest.createFunction(
  {
    id: "process-shopify-webhook",
    triggers: [{ event: EVENTS.webhookReceived.name }],
    retries: 8,
    concurrency: { key: "event.data.webhookEventId", limit: 1 },
    onFailure: async ({ event, error }) => {
      const { webhookEventId } = EVENTS.webhookReceived.data.parse(event.data.event.data);
      await markWebhookFailed(webhookEventId, error.message);
    },
  },
  async ({ event, step }) => {
    const { webhookEventId } = EVENTS.webhookReceived.data.parse(event.data);
    return step.run("process-webhook", async () => {
      try {
        return await processShopifyWebhook(webhookEventId);
      } catch (error) {
        if (error instanceof AppError && error.code === "BAD_REQUEST") throw new NonRetriableError(error.message, { cause: error });
        throw error;
      }
    });
  },
);
