import { defineCronJob } from "@/lib/jobs/define-job";
import { findTokensToRefresh, refreshExpiringTokens } from "@/lib/shopify/refresh-expiring-tokens";

/**
 * Every 10 minutes: rotates the Shopify offline tokens that expire within 20 minutes (they live an hour), so
 * shops without traffic keep working tokens. Refused refreshes mark the token revoked.
 */
export const refreshShopifyTokens = defineCronJob({
  id: "refresh-shopify-tokens",
  name: "Shopify: refresh expiring tokens",
  trigger: { cron: "TZ=UTC */10 * * * *" },
  retries: 3,
  run: async ({ step }) => {
    const shopIds = await step.run("find-expiring-tokens", () => findTokensToRefresh());
    return step.run("refresh-expiring-tokens", () => refreshExpiringTokens(shopIds));
  },
});
