import { sweepCatalogSyncs } from "@/lib/catalog/sweep-catalog-syncs";
import { defineCronJob } from "@/lib/jobs/define-job";

/**
 * Every 2 minutes: first syncs of newly installed shops, bulk queries whose finish webhook was lost, stalled syncs,
 * and the daily reconciliation of each shop whose last one is a day old (missed webhooks healed and recorded).
 */
export const catalogSyncSweep = defineCronJob({
  id: "catalog-sync-sweep",
  name: "Catalog: start, resume and reconcile syncs",
  trigger: { cron: "*/2 * * * *" },
  retries: 1,
  run: async ({ step }) => step.run("sweep-catalog-syncs", () => sweepCatalogSyncs({ reconcile: true })),
});
