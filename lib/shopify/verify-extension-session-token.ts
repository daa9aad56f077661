import { jwtVerify } from "jose";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { MYSHOPIFY_DOMAIN } from "./shopify-topics";

/** A checkout or customer-account UI extension's session token, checked. */
export type VerifiedExtensionToken = {
  /** The shop's permanent domain, from `dest`. */
  shop: string;
  /** The signed-in customer's numeric id (from the `sub` gid), or null for a guest buyer. */
  customerId: string | null;
};

const CLOCK_SKEW_SECONDS = 10;

/**
 * Verifies the session token a checkout / customer-account UI extension sends (`shopify.sessionToken.get()`):
 * HS256 with the app secret, `exp`/`nbf` with a few seconds of skew, `aud` = this app's client id, `dest` a
 * myshopify shop. Unlike the admin's token it names no staff member: `sub` is the customer, only when one is
 * signed in. Any refusal is AppError UNAUTHENTICATED (never echoing the token).
 */
export async function verifyExtensionSessionToken(token: string): Promise<VerifiedExtensionToken> {
  const config = env();
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(config.SHOPIFY_API_SECRET), {
      algorithms: ["HS256"],
      audience: config.SHOPIFY_API_KEY,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "nbf", "dest", "aud"],
    }));
  } catch {
    throw new AppError("UNAUTHENTICATED", "The session token is not valid.");
  }
  // Checkout tokens name the shop with or without the scheme.
  const shop = typeof payload.dest === "string" ? /^(?:https:\/\/)?([^/]+)\/?$/.exec(payload.dest)?.[1] : undefined;
  if (!shop || !MYSHOPIFY_DOMAIN.test(shop)) throw new AppError("UNAUTHENTICATED", "The session token names no shop.");
  const customer = typeof payload.sub === "string" ? /^gid:\/\/shopify\/Customer\/(\d+)$/.exec(payload.sub)?.[1] : null;
  return { shop, customerId: customer ?? null };
}
