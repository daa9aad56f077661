import { env } from "@/lib/env";
import { requestNonce } from "@/lib/security/request-nonce";

/**
 * Shopify App Bridge for pages shown inside the Shopify admin: the API key meta it reads, then its script (which
 * Shopify requires to load synchronously, before the app's own), carrying this request's CSP nonce. The client ID
 * is public; nothing secret here. Nothing on the page depends on it: where it cannot load (offline demo, tests),
 * pages render as usual.
 */
export async function AppBridgeScript() {
  const nonce = await requestNonce();
  return (
    <>
      <meta name="shopify-api-key" content={env().SHOPIFY_API_KEY} />
      {/* eslint-disable-next-line @next/next/no-sync-scripts -- App Bridge must load before the app's scripts. */}
      <script src={env().SHOPIFY_APP_BRIDGE_URL} nonce={nonce} />
    </>
  );
}
