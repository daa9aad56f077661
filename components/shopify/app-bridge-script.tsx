import { env } from "@/lib/env";

/**
 * Shopify App Bridge for pages shown inside the Shopify admin: the API key meta it reads, then its script (which
 * Shopify requires to load synchronously, before the app's own). The client ID is public; nothing secret here.
 * Nothing on the page depends on it: where it cannot load (offline demo, tests), pages render as usual.
 */
export function AppBridgeScript() {
  return (
    <>
      <meta name="shopify-api-key" content={env().SHOPIFY_API_KEY} />
      {/* eslint-disable-next-line @next/next/no-sync-scripts -- App Bridge must load before the app's scripts. */}
      <script src={env().SHOPIFY_APP_BRIDGE_URL} />
    </>
  );
}
