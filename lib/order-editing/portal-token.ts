import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

const TOKEN_PATTERN = /^([a-z0-9]{20,40})\.([A-Za-z0-9_-]{43})$/;

// A key of its own, derived from AUTH_SECRET, so a portal signature can never be mistaken for anything else we sign.
function portalKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "signalboard", "order-editing-portal-link:v1", 32));
}

function signature(orderId: string): string {
  return createHmac("sha256", portalKey()).update(`order:${orderId}`).digest("base64url");
}

/** The unguessable part of an order's portal link: the order id and an HMAC-SHA256 over it. */
export function signPortalToken(orderId: string): string {
  return `${orderId}.${signature(orderId)}`;
}

/** The order id a portal token stands for, or null when it is malformed or its signature does not match. */
export function verifyPortalToken(token: string): string | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, orderId, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(signature(orderId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? orderId : null;
}
