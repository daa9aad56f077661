// No app imports: the play-webhooks script and Playwright specs sign with this too.
import { createHmac, randomUUID } from "node:crypto";

export type SignedWebhook = { headers: Record<string, string>; body: string; eventId: string };

/** The base64 HMAC-SHA256 Shopify puts in X-Shopify-Hmac-Sha256. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/**
 * A webhook exactly as Shopify sends it: the JSON body and its headers, signed with the app's client secret.
 * Pass the same `eventId` again to simulate a redelivery; a fresh one is made otherwise.
 */
export function signedWebhook(
  topic: string,
  shopDomain: string,
  payload: unknown,
  secret: string,
  eventId: string = randomUUID(),
): SignedWebhook {
  const body = JSON.stringify(payload);
  return {
    body,
    eventId,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": shopDomain,
      "x-shopify-hmac-sha256": signWebhookBody(body, secret),
      "x-shopify-api-version": "2025-10",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-event-id": eventId,
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  };
}

/** POSTs a signed webhook to the app and returns the status and the parsed answer. */
export async function postWebhook(
  url: string,
  webhook: SignedWebhook,
): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, { method: "POST", headers: webhook.headers, body: webhook.body });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body, ms };
}
