import { inngest } from "@/inngest/client";
import { sweepUnprocessedWebhooks } from "@/lib/shopify/sweep-unprocessed-webhooks";

/**
 * Every 5 minutes: processes stored Shopify webhooks that are neither processed nor failed for good (a lost
 * hand-off, a crash mid-run, a retry Inngest never made), so none stays unprocessed forever.
 */
export const sweepUnprocessedWebhooksFn = inngest.createFunction(
  {
    id: "sweep-unprocessed-webhooks",
    name: "Shopify webhooks: retry unprocessed",
    triggers: [{ cron: "*/5 * * * *" }],
    retries: 3,
    concurrency: 1,
  },
  async ({ step }) => step.run("sweep-unprocessed-webhooks", () => sweepUnprocessedWebhooks()),
);
