import { errors as joseErrors, jwtVerify } from "jose";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { MYSHOPIFY_DOMAIN } from "./shopify-topics";

/** A session token (App Bridge `shopify.idToken()`) whose signature and claims were checked. */
export interface VerifiedSessionToken {
  /** The shop's permanent domain, e.g. x.myshopify.com. */
  shop: string;
  /** The staff member (`sub`). */
  shopifyUserId: string;
  /** The admin session (`sid`), when Shopify sent one. */
  sessionId: string | null;
  /** The token itself, for token exchange; never log or store it. */
  raw: string;
}

// Shopify's library allows 10 s; the admin and this server's clocks rarely differ more than that.
const CLOCK_SKEW_SECONDS = 10;

const REOPEN = "reopen the app from your Shopify admin.";

function shopOf(claim: unknown, pattern: RegExp): string | null {
  if (typeof claim !== "string") return null;
  const host = pattern.exec(claim)?.[1];
  return host && MYSHOPIFY_DOMAIN.test(host) ? host : null;
}

function refusal(error: unknown): AppError {
  if (error instanceof joseErrors.JWTExpired)
    return new AppError("UNAUTHENTICATED", `Your Shopify session expired — ${REOPEN}`);
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf") {
    return new AppError(
      "UNAUTHENTICATED",
      `Your Shopify session token is not valid yet — check this device's clock, then ${REOPEN}`,
    );
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AppError("UNAUTHENTICATED", `The Shopify session token's signature is not valid — ${REOPEN}`);
  }
  return new AppError("UNAUTHENTICATED", `The Shopify session token is malformed — ${REOPEN}`);
}

/**
 * Verifies an App Bridge session token as Shopify specifies: HS256 with the app secret, `exp`/`nbf` with a few
 * seconds of skew, `aud` = this app's client id, `iss` and `dest` naming the same myshopify shop. Every refusal
 * is an AppError UNAUTHENTICATED with a message safe to show (never the token).
 */
export async function verifySessionToken(idToken: string): Promise<VerifiedSessionToken> {
  const config = env();
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, new TextEncoder().encode(config.SHOPIFY_API_SECRET), {
      algorithms: ["HS256"],
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "nbf", "iss", "dest", "aud", "sub"],
    }));
  } catch (error) {
    throw refusal(error);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(config.SHOPIFY_API_KEY)) {
    throw new AppError("UNAUTHENTICATED", `This Shopify session token was issued for another app — ${REOPEN}`);
  }
  const issuer = shopOf(payload.iss, /^https:\/\/([^/]+)\/admin$/);
  const destination = shopOf(payload.dest, /^https:\/\/([^/]+)$/);
  if (!issuer || !destination)
    throw new AppError("UNAUTHENTICATED", `The Shopify session token is malformed: it names no valid shop — ${REOPEN}`);
  if (issuer !== destination)
    throw new AppError("UNAUTHENTICATED", `The Shopify session token names two different shops — ${REOPEN}`);
  if (typeof payload.sub !== "string" || payload.sub === "")
    throw new AppError(
      "UNAUTHENTICATED",
      `The Shopify session token is malformed: it names no staff member — ${REOPEN}`,
    );
  return {
    shop: issuer,
    shopifyUserId: payload.sub,
    sessionId: typeof payload.sid === "string" ? payload.sid : null,
    raw: idToken,
  };
}
