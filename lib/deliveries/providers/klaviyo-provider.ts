import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { findEvent } from "@/lib/setup/event-catalog";
import type { SendResult } from "./delivery-provider";
import { integrationDeliveryProvider } from "./integration-delivery-provider";

/** Maps a failed Klaviyo call to what the ledger does next (see SendResult). */
export function classifyKlaviyoFailure(error: unknown): SendResult {
  if (!(error instanceof KlaviyoError)) {
    // Our own bug before or while building the request: retried (bounded by max attempts), never silent.
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: "retry",
      error: `Unexpected error while sending: ${message}`,
      responseStatus: null,
      rateLimited: false,
    };
  }
  const status = error.status ?? null;
  switch (error.kind) {
    case "rate_limited":
      return {
        outcome: "retry",
        error: error.message,
        responseStatus: status,
        retryAfterMs: error.retryAfterMs,
        rateLimited: true,
      };
    case "server_error":
      return {
        outcome: "retry",
        error: error.message,
        responseStatus: status,
        retryAfterMs: error.retryAfterMs,
        rateLimited: false,
      };
    // Unlike Postscript, Klaviyo keeps only the first event per unique_id (profile + metric), so resending after a timeout or a dropped connection cannot duplicate.
    case "timeout":
    case "network":
      return { outcome: "retry", error: error.message, responseStatus: null, rateLimited: false };
    case "invalid_key":
    case "forbidden":
      return { outcome: "pause", error: error.message, responseStatus: status };
    case "rejected":
      return { outcome: "failed", error: error.message, responseStatus: status };
  }
}

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
  classify: classifyKlaviyoFailure,
  probe: (client) => client.getAccount(),
  answered: (error) => error instanceof KlaviyoError && !error.retryable,
});
