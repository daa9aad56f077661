import { PostscriptError } from "@/lib/postscript/postscript-error";
import { classifyProviderFailure } from "./classify-provider-failure";
import { integrationDeliveryProvider } from "./integration-delivery-provider";
import { postscriptFailure } from "./postscript-failure";

/**
 * Sends through the shop's own Postscript account (its verified key), at the integration's configured rate on the
 * key's one budget. Postscript is a Paid-plan feature: a downgraded shop's events wait (not dropped) until it
 * upgrades again.
 */
export const postscriptProvider = integrationDeliveryProvider({
  provider: "POSTSCRIPT",
  planPauseReason: (plan) =>
    plan !== "PAID"
      ? "Your plan (Free) does not include Postscript: waiting events are sent when you upgrade, or choose Built-in SMS or Klaviyo."
      : null,
  messages: {
    notConnected: "Postscript is not connected: paste your Private API Key in step 2 to send waiting alerts.",
    disabled: "The Postscript integration is disabled: waiting alerts are sent when you enable it again.",
    notVerified:
      "Your Postscript key is not verified: waiting alerts are sent once a working key is verified in step 2.",
    keyChanged: "The Postscript key changed while sending: the rest goes out with the new key.",
  },
  async send(client, delivery) {
    const { eventIds } = await client.sendEvent({
      type: delivery.eventType,
      phone: delivery.recipientPhone ?? undefined,
      email: delivery.recipientEmail ?? undefined,
      properties: delivery.properties,
      externalId: delivery.idempotencyKey,
    });
    return { outcome: "delivered", responseStatus: 202, responseBody: JSON.stringify({ event_ids: eventIds }) };
  },
  classify: (error) => classifyProviderFailure(error, postscriptFailure),
  probe: (client) => client.getMe(),
  // Any answer from Postscript (even a refused key, which the next send pauses on) means it is back.
  answered: (error) => error instanceof PostscriptError && !error.retryable,
});
