// No app imports: Playwright specs and the stand-in both mint tokens with this.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";

export interface SessionTokenClaims {
  apiKey: string;
  apiSecret: string;
  shop: string;
  userId: string;
  /** Seconds from now; Shopify's tokens live one minute. */
  expiresIn?: number;
  /** Seconds from now the token becomes valid (negative = already). */
  notBefore?: number;
  /** Overrides for tests that need a wrong claim. */
  iss?: string;
  dest?: string;
}

/** A session token exactly as the Shopify admin signs one for App Bridge: HS256 with the app's secret. */
export async function signSessionToken(claims: SessionTokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: claims.iss ?? `https://${claims.shop}/admin`,
    dest: claims.dest ?? `https://${claims.shop}`,
    aud: claims.apiKey,
    sub: claims.userId,
    sid: randomUUID(),
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setNotBefore(now + (claims.notBefore ?? 0))
    .setExpirationTime(now + (claims.expiresIn ?? 60))
    .sign(new TextEncoder().encode(claims.apiSecret));
}
