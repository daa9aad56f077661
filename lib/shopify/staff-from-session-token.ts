import { HttpResponseError, RequestedTokenType, type Session } from "@shopify/shopify-api";
import { AppError } from "@/lib/errors/app-error";
import { shopifyApp } from "./shopify-app";
import type { VerifiedSessionToken } from "./verify-session-token";

/** The staff member who opened the app, as Shopify's online access token describes them. */
export interface ShopifyStaff {
  shopifyUserId: string;
  email: string;
  firstName: string;
  lastName: string;
  accountOwner: boolean;
  /** Shopify's word that the email belongs to this person: only then may it join accounts across shops. */
  emailVerified: boolean;
}

/** The staff member an online session (token exchange or the OAuth per-user grant) belongs to. */
export function staffFromOnlineSession(session: Session): ShopifyStaff {
  const user = session.onlineAccessInfo?.associated_user;
  if (!user?.email) throw new AppError("UPSTREAM", "Shopify did not say which staff member is signed in, try again.");
  return {
    shopifyUserId: String(user.id),
    email: user.email.toLowerCase(),
    firstName: user.first_name ?? "",
    lastName: user.last_name ?? "",
    accountOwner: Boolean(user.account_owner),
    emailVerified: user.email_verified === true,
  };
}

/**
 * Exchanges the session token for an online access token only to read `associated_user`: who is signed in to
 * the admin. The online token itself is dropped here, never stored.
 */
export async function staffFromSessionToken(token: VerifiedSessionToken): Promise<ShopifyStaff> {
  let session: Session;
  try {
    ({ session } = await shopifyApp().auth.tokenExchange({
      shop: token.shop,
      sessionToken: token.raw,
      requestedTokenType: RequestedTokenType.OnlineAccessToken,
    }));
  } catch (error) {
    if (error instanceof HttpResponseError && error.response.code >= 400 && error.response.code < 500) {
      throw new AppError(
        "UNAUTHENTICATED",
        "Shopify refused to sign you in to Signalboard — reopen the app from your Shopify admin.",
      );
    }
    throw new AppError("UPSTREAM", "Shopify did not answer while signing you in, try again.");
  }
  return staffFromOnlineSession(session);
}
