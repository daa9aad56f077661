import { inngest } from "@/inngest/client";
import { sweepCatalogSyncs } from "@/lib/catalog/sweep-catalog-syncs";

/** Every 2 minutes: first syncs of newly installed shops, bulk queries whose finish webhook was lost, stalled syncs. */
export const catalogSyncSweep = inngest.createFunction(
  { id: "catalog-sync-sweep", name: "Catalog: start and resume syncs", triggers: [{ cron: "TZ=UTC */2 * * * *" }], retries: 1, concurrency: 1 },
  async ({ step }) => step.run("sweep-catalog-syncs", () => sweepCatalogSyncs({ reconcile: false })),
);

/** Nightly: every shop's catalog and stock compared with Shopify, missed webhooks healed and recorded. */
export const catalogNightlyReconcile = inngest.createFunction(
  { id: "catalog-nightly-reconcile", name: "Catalog: nightly reconciliation", triggers: [{ cron: "TZ=UTC 0 3 * * *" }], retries: 2, concurrency: 1 },
  async ({ step }) => step.run("reconcile-catalogs", () => sweepCatalogSyncs({ reconcile: true })),
);
