import { sweepCatalogSyncs } from "@/lib/catalog/sweep-catalog-syncs";
import { defineCronJob } from "@/lib/jobs/define-job";

/**
 * Every hour, the safety net behind the per-shop checks (check-shop-catalog: a shop's first sync on install, a
 * late bulk query, a stalled sync) for a check that was lost, and the daily reconciliation of each shop whose last
 * one is a day old (missed webhooks healed and recorded). Hourly, not every 2 minutes: an idle app pays 24 runs a
 * day for it, and a new shop's first sync does not wait for it.
 */
export const catalogSyncSweep = defineCronJob({
  id: "catalog-sync-sweep",
  name: "Catalog: start, resume and reconcile syncs",
  trigger: { cron: "0 * * * *" },
  retries: 1,
  run: () => sweepCatalogSyncs({ reconcile: true }),
});
