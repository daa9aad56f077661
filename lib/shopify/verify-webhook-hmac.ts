import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * True when `header` (X-Shopify-Hmac-Sha256) is the base64 HMAC-SHA256 of the exact raw body under the app's
 * client secret. Compared in constant time; a missing, malformed or wrong-length header is simply false.
 */
export function verifyWebhookHmac(rawBody: Buffer | string, header: string | null, secret: string): boolean {
  if (!header || !secret) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const trimmed = header.trim();
  // Reject anything that is not canonical base64 of 32 bytes before decoding: Buffer.from ignores bad characters.
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return false;
  const given = Buffer.from(trimmed, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
