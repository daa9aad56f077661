import { checkShopCatalog } from "@/lib/catalog/check-shop-catalog";
import { scheduleCatalogCheck } from "@/lib/catalog/schedule-catalog-check";
import { defineJob } from "@/lib/jobs/define-job";

/**
 * A shop's catalog check, on install (its first sync starts at once) and while a sync is under way (its bulk query
 * polled when the finish webhook is late, a stalled sync resumed): see checkShopCatalog. One per shop at a time.
 */
export const checkShopCatalogJob = defineJob({
  id: "check-shop-catalog",
  name: "Catalog: start or follow a shop's sync",
  trigger: { event: "catalogCheckDue" },
  retries: 3,
  concurrency: { key: "shopId" },
  // The follow-up queued twice by a retried run: the second check finds nothing to do.
  run: async ({ data: { shopId } }) => {
    const result = await checkShopCatalog(shopId, { reconcile: false });
    if (result.checkAgainInMs !== null) await scheduleCatalogCheck(shopId, result.checkAgainInMs);
    return { shopId, ...result };
  },
});
