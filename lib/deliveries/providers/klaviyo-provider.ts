import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { findEvent } from "@/lib/setup/event-catalog";
import { classifyProviderFailure, type ProviderFailureSpec } from "./classify-provider-failure";
import { integrationDeliveryProvider } from "./integration-delivery-provider";

/**
 * How a failed Klaviyo call reads for classifyProviderFailure. Unlike Postscript, Klaviyo keeps only the first
 * event per unique_id (profile + metric), so resending after a timeout or a dropped connection cannot duplicate.
 */
export const klaviyoFailure: ProviderFailureSpec = {
  name: "Klaviyo",
  item: "event",
  read: (error) => (error instanceof KlaviyoError ? error : null),
  deduplicates: true,
};

/**
 * Sends ledger rows as Klaviyo events through the shop's own Klaviyo account (its verified Private API Key): the
 * metric is the event's display name ("Order Editing Started"), the profile the row's email and phone, the
 * properties as stored, and the row's idempotency key is Klaviyo's unique_id. Every process sending with the key
 * shares its one budget (the one every Klaviyo call uses).
 */
export const klaviyoProvider = integrationDeliveryProvider({
  provider: "KLAVIYO",
  messages: {
    notConnected:
      "Klaviyo is not connected: connect a Private API Key on the Integrations page to send waiting events.",
    disabled:
      "The Klaviyo integration is disabled: waiting events are sent when you enable it on the Integrations page.",
    notVerified:
      "Your Klaviyo key is not verified: waiting events are sent once a working key is verified on the Integrations page.",
    keyChanged: "The Klaviyo key changed while sending: the rest goes out with the new key.",
  },
  async send(client, delivery) {
    await client.sendEvent({
      metricName: findEvent(delivery.eventType)?.displayName ?? delivery.eventType,
      profile: { email: delivery.recipientEmail, phoneNumber: delivery.recipientPhone },
      properties: delivery.properties,
      uniqueId: delivery.idempotencyKey,
    });
    // Klaviyo queues the event and answers 202 without a body.
    return { outcome: "delivered", responseStatus: 202, responseBody: "" };
  },
  classify: (error) => classifyProviderFailure(error, klaviyoFailure),
  probe: (client) => client.getAccount(),
  answered: (error) => error instanceof KlaviyoError && !error.retryable,
});
