import {
  BotActivityDetected,
  CookieNotFound,
  HttpResponseError,
  InvalidHmacError,
  InvalidOAuthError,
  InvalidShopError,
  type Session,
} from "@shopify/shopify-api";
import { AppError } from "@/lib/errors/app-error";
import { shopifyApp } from "./shopify-app";

const RESTART = "start the install again from your Shopify admin or the sign-in page.";

/**
 * Finishes the authorization-code grant: the library checks the callback's HMAC (and its timestamp) and the
 * state against the signed cookie, then exchanges the code; offline tokens are requested expiring. `headers`
 * clears the state cookie and must be sent with the route's response. Refusals are AppErrors with a clear message.
 */
export async function completeOAuth(request: Request): Promise<{ session: Session; headers: Headers }> {
  try {
    const { session, headers } = await shopifyApp().auth.callback<Headers>({ rawRequest: request, expiring: true });
    return { session, headers };
  } catch (error) {
    if (error instanceof InvalidHmacError)
      throw new AppError(
        "UNAUTHENTICATED",
        `Shopify's signature on this sign-in link is not valid or has expired — ${RESTART}`,
      );
    if (error instanceof CookieNotFound)
      throw new AppError(
        "UNAUTHENTICATED",
        `This sign-in link was already used or started in another browser — ${RESTART}`,
      );
    if (error instanceof InvalidOAuthError)
      throw new AppError(
        "UNAUTHENTICATED",
        `This sign-in link does not match the one Signalboard started (wrong signature or state) — ${RESTART}`,
      );
    if (error instanceof BotActivityDetected)
      throw new AppError("BAD_REQUEST", `This sign-in link must be opened in a browser — ${RESTART}`);
    if (error instanceof InvalidShopError)
      throw new AppError("BAD_REQUEST", "The store in this sign-in link is not a *.myshopify.com domain.");
    if (error instanceof HttpResponseError && error.response.code >= 400 && error.response.code < 500) {
      throw new AppError(
        "UNAUTHENTICATED",
        `Shopify refused the authorization code (already used or expired) — ${RESTART}`,
      );
    }
    if (error instanceof HttpResponseError)
      throw new AppError("UPSTREAM", "Shopify did not answer while finishing the install, try again.");
    if (error instanceof AppError) throw error;
    throw new AppError("UPSTREAM", "Shopify did not answer while finishing the install, try again.");
  }
}
