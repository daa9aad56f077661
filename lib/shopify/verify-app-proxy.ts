import { createHmac, timingSafeEqual } from "node:crypto";

/** A signed app-proxy request older than this is refused as a replay. */
export const APP_PROXY_MAX_AGE_SECONDS = 5 * 60;
/** Clock skew tolerated for a timestamp in the future. */
export const APP_PROXY_MAX_FUTURE_SECONDS = 60;

/**
 * The parameters Shopify itself adds to a proxied query. Each appears once; a second copy can only have been
 * added by the client, and the signature (which joins repeated values) would not tell which one Shopify meant.
 */
const SHOPIFY_PARAMETERS = ["shop", "path_prefix", "timestamp", "signature", "logged_in_customer_id"] as const;

/**
 * The hex HMAC-SHA256 Shopify puts in an app-proxy request's `signature`: every query parameter except
 * `signature` as `key=value` (repeated keys' values joined by ","), sorted, concatenated with no separator.
 */
export function computeAppProxySignature(query: URLSearchParams, secret: string): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key === "signature") continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  const message = [...values]
    .map(([key, list]) => `${key}=${list.join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/**
 * Verifies that a request came through the shop's Shopify app proxy: each of Shopify's own parameters appears
 * once, the `signature` must match (compared in constant time) and `timestamp` must be fresh — older than 5 minutes or more than 1 minute ahead is refused,
 * so a captured URL cannot be replayed later. `reason` is for logs, never for the shopper.
 */
export function verifyAppProxySignature(
  query: URLSearchParams,
  secret: string,
  now: Date = new Date(),
): { ok: true } | { ok: false; reason: string } {
  const signatures = query.getAll("signature");
  if (signatures.length === 0 || !signatures[0]) return { ok: false, reason: "missing signature" };
  if (signatures.length > 1) return { ok: false, reason: "more than one signature" };
  const repeated = SHOPIFY_PARAMETERS.find((name) => query.getAll(name).length > 1);
  if (repeated) return { ok: false, reason: `more than one ${repeated}` };
  const given = signatures[0].toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: "malformed signature" };
  if (!secret) return { ok: false, reason: "no secret configured" };

  const expected = Buffer.from(computeAppProxySignature(query, secret), "hex");
  if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) return { ok: false, reason: "signature mismatch" };

  const timestamps = query.getAll("timestamp");
  const seconds = timestamps.length === 1 && /^\d{1,12}$/.test(timestamps[0]!) ? Number(timestamps[0]) : NaN;
  if (!Number.isFinite(seconds)) return { ok: false, reason: "missing or malformed timestamp" };
  const age = now.getTime() / 1000 - seconds;
  if (age > APP_PROXY_MAX_AGE_SECONDS) return { ok: false, reason: "expired signature (replayed or stale request)" };
  if (age < -APP_PROXY_MAX_FUTURE_SECONDS) return { ok: false, reason: "timestamp in the future" };
  return { ok: true };
}
