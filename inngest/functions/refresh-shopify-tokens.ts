import { defineCronJob } from "@/lib/jobs/define-job";
import { findTokensToRefresh, refreshExpiringTokens } from "@/lib/shopify/refresh-expiring-tokens";

/**
 * Every hour: rotates the Shopify offline tokens whose refresh token lapses within two days, so shops without
 * traffic keep a working connection. Access tokens (an hour) are refreshed when a shop next needs one, not by this
 * job: an idle app pays 24 runs a day for it, not 144. Refused refreshes mark the token revoked.
 */
export const refreshShopifyTokens = defineCronJob({
  id: "refresh-shopify-tokens",
  name: "Shopify: refresh expiring tokens",
  trigger: { cron: "TZ=UTC 20 * * * *" },
  retries: 3,
  run: async ({ step }) => {
    const shopIds = await step.run("find-expiring-tokens", () => findTokensToRefresh());
    return step.run("refresh-expiring-tokens", () => refreshExpiringTokens(shopIds));
  },
});
