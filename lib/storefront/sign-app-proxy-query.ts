// Relative: Playwright specs import this file too.
import { computeAppProxySignature } from "../shopify/verify-app-proxy";

export type AppProxyParams = {
  /** The shop's myshopify domain. */
  shop: string;
  /** Shopify sends an empty value when no customer is logged in. */
  loggedInCustomerId?: string;
  /** Where the theme reaches the proxy, e.g. `/apps/signalboard`. */
  pathPrefix?: string;
  now?: Date;
};

/** The default proxy path a theme calls: https://<shop>/apps/signalboard/waitlist. */
export const APP_PROXY_PATH_PREFIX = "/apps/signalboard";

/**
 * Builds the query Shopify's app proxy appends to a forwarded request (`shop`, `logged_in_customer_id`,
 * `path_prefix`, `timestamp`, `signature`), signed exactly as Shopify signs it. For the storefront preview and
 * tests: real requests are signed by Shopify.
 */
export function signAppProxyQuery(params: AppProxyParams, secret: string): URLSearchParams {
  const query = new URLSearchParams({
    shop: params.shop,
    logged_in_customer_id: params.loggedInCustomerId ?? "",
    path_prefix: params.pathPrefix ?? APP_PROXY_PATH_PREFIX,
    timestamp: String(Math.floor((params.now ?? new Date()).getTime() / 1000)),
  });
  query.set("signature", computeAppProxySignature(query, secret));
  return query;
}
