import { defineCronJob } from "@/lib/jobs/define-job";
import { sweepUnprocessedWebhooks } from "@/lib/shopify/sweep-unprocessed-webhooks";

/**
 * Every 5 minutes: processes stored Shopify webhooks that are neither processed nor failed for good (a lost
 * hand-off, a crash mid-run), so none stays unprocessed forever.
 */
export const sweepUnprocessedWebhooksJob = defineCronJob({
  id: "sweep-unprocessed-webhooks",
  name: "Shopify webhooks: retry unprocessed",
  trigger: { cron: "*/5 * * * *" },
  retries: 3,
  run: async ({ step }) => step.run("sweep-unprocessed-webhooks", () => sweepUnprocessedWebhooks()),
});
