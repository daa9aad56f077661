import { env } from "@/lib/env";

/** The Postscript webhooks Signalboard subscribes to: opt-in evidence, opt-outs, and replies (a STOP is an opt-out). */
export const POSTSCRIPT_WEBHOOK_EVENTS = [
  "shop.subscriber.opt_in",
  "shop.subscriber.opt_out",
  "shop.incoming_message",
] as const;

/** Where Postscript delivers a shop's webhooks; the shop is in the path so the right signing token is checked. */
export function postscriptWebhookUrl(shopId: string): string {
  return `${env().SHOPIFY_APP_URL.replace(/\/+$/, "")}/api/webhooks/postscript/${encodeURIComponent(shopId)}`;
}
