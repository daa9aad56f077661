import { AppError } from "@/lib/errors/app-error";
import { shopifyApp, shopifyBrowserUrl } from "./shopify-app";
import { MYSHOPIFY_DOMAIN } from "./shopify-topics";

/** Where Shopify sends the merchant back after the authorize screen; shopify.app.toml lists it too. */
export const OAUTH_CALLBACK_PATH = "/auth/shopify/callback";

/**
 * Starts the authorization-code grant for an install begun outside the admin: a redirect to the shop's authorize
 * page (through the stand-in when one is configured) with a signed state cookie. Online asks for a per-user token.
 */
export async function beginOAuth(request: Request, shop: string, options: { online: boolean }): Promise<Response> {
  const domain = shop.trim().toLowerCase();
  if (!MYSHOPIFY_DOMAIN.test(domain)) {
    throw new AppError("BAD_REQUEST", "Enter your store's permanent domain, such as your-store.myshopify.com.");
  }
  const response = (await shopifyApp().auth.begin({
    shop: domain,
    callbackPath: OAUTH_CALLBACK_PATH,
    isOnline: options.online,
    rawRequest: request,
  })) as Response;
  const location = response.headers.get("location");
  if (!location) return response;
  const headers = new Headers(response.headers);
  headers.set("location", shopifyBrowserUrl(location));
  return new Response(null, { status: response.status, headers });
}
