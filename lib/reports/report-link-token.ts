import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

const TOKEN_PATTERN = /^([a-z0-9]{20,40})\.([A-Za-z0-9_-]{22})$/;

// A key of its own, derived from AUTH_SECRET, so a click-link signature can never be mistaken for anything else we sign.
function linkKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", env().AUTH_SECRET, "signalboard", "report-click-link:v1", 32));
}

// 128 bits of HMAC-SHA256 are unguessable and keep the SMS link short.
function signature(restockId: string): string {
  return createHmac("sha256", linkKey()).update(`restock:${restockId}`).digest().subarray(0, 16).toString("base64url");
}

/** The token of a restock's short purchase link: the restock id (no personal data) and an HMAC over it. */
export function signReportLinkToken(restockId: string): string {
  return `${restockId}.${signature(restockId)}`;
}

/** The restock id a short-link token stands for, or null when it is malformed or its signature does not match. */
export function verifyReportLinkToken(token: string): string | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const [, restockId, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(signature(restockId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? restockId : null;
}
