import { prisma } from "@/lib/db/prisma";
import type { Integration } from "@/lib/generated/prisma/client";
import { clientForShop, IntegrationUnavailableError } from "@/lib/integrations/client-for-shop";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { findEvent } from "@/lib/setup/event-catalog";
import type { DeliveryProviderAdapter, DueDelivery, OpenedProvider, SendResult } from "./delivery-provider";

const RECHECK_MS = 2_000;

type ShopState = {
  uninstalledAt: Date | null;
  integration: Integration | null;
};

async function loadState(shopId: string): Promise<ShopState | null> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: { uninstalledAt: true, integrations: { where: { provider: "KLAVIYO" } } },
  });
  return shop && { uninstalledAt: shop.uninstalledAt, integration: shop.integrations[0] ?? null };
}

/** Why the shop cannot send through Klaviyo right now, or null when it can. */
function pauseReasonOf(state: ShopState | null): string | null {
  if (!state) return "The shop no longer exists.";
  if (state.uninstalledAt) return "The shop uninstalled Signalboard: nothing is sent until it is installed again.";
  const integration = state.integration;
  if (!integration?.encryptedKey) return "Klaviyo is not connected: connect a Private API Key on the Integrations page to send waiting events.";
  if (!integration.enabled) return "The Klaviyo integration is disabled: waiting events are sent when you enable it on the Integrations page.";
  if (integration.verification !== "VERIFIED") {
    return "Your Klaviyo key is not verified: waiting events are sent once a working key is verified on the Integrations page.";
  }
  return null;
}

/** Maps a failed Klaviyo call to what the ledger does next (see SendResult). */
export function classifyKlaviyoFailure(error: unknown): SendResult {
  if (!(error instanceof KlaviyoError)) {
    // Our own bug before or while building the request: retried (bounded by max attempts), never silent.
    const message = error instanceof Error ? error.message : String(error);
    return { outcome: "retry", error: `Unexpected error while sending: ${message}`, responseStatus: null, rateLimited: false };
  }
  const status = error.status ?? null;
  switch (error.kind) {
    case "rate_limited":
      return { outcome: "retry", error: error.message, responseStatus: status, retryAfterMs: error.retryAfterMs, rateLimited: true };
    case "server_error":
      return { outcome: "retry", error: error.message, responseStatus: status, retryAfterMs: error.retryAfterMs, rateLimited: false };
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
 * properties as stored, and the row's idempotency key is Klaviyo's unique_id. The key is opened by
 * clientForShop, and every process sending with it shares the key's one budget (the one every Klaviyo call uses).
 */
export const klaviyoProvider: DeliveryProviderAdapter = {
  provider: "KLAVIYO",
  async open(shopId): Promise<OpenedProvider> {
    const state = await loadState(shopId);
    const reason = pauseReasonOf(state);
    if (reason) return { status: "paused", reason };
    const sealed = state!.integration!.encryptedKey!;
    let opened;
    try {
      // The engine reserves each send's slot itself (timed to the claim); probes wait for theirs like any call.
      opened = await clientForShop("KLAVIYO", shopId, { integration: state!.integration, paced: false });
    } catch (error) {
      if (error instanceof IntegrationUnavailableError) return { status: "paused", reason: error.message };
      throw error;
    }
    const client = opened.client;
    const prober = opened.withOptions({});

    let checkedAt = Date.now();
    let lastReason: string | null = null;
    return {
      status: "ready",
      session: {
        limit: opened.budget,

        async probe() {
          try {
            await prober.getAccount();
            return true;
          } catch (error) {
            return error instanceof KlaviyoError && !error.retryable;
          }
        },

        async pauseReason() {
          if (lastReason || Date.now() - checkedAt < RECHECK_MS) return lastReason;
          checkedAt = Date.now();
          const current = await loadState(shopId);
          lastReason = pauseReasonOf(current);
          // A key replaced mid-run needs a new session (and limiter): stop this one; the next run picks it up.
          if (!lastReason && current?.integration?.encryptedKey !== sealed) {
            lastReason = "The Klaviyo key changed while sending: the rest goes out with the new key.";
          }
          return lastReason;
        },

        async send(delivery: DueDelivery): Promise<SendResult> {
          try {
            await client.sendEvent({
              metricName: findEvent(delivery.eventType)?.displayName ?? delivery.eventType,
              profile: { email: delivery.recipientEmail, phoneNumber: delivery.recipientPhone },
              properties: delivery.properties,
              uniqueId: delivery.idempotencyKey,
            });
            // Klaviyo queues the event and answers 202 without a body.
            return { outcome: "delivered", responseStatus: 202, responseBody: "" };
          } catch (error) {
            const result = classifyKlaviyoFailure(error);
            if (result.outcome === "pause") {
              lastReason = result.error;
              // The key no longer works (revoked, or lost a scope): the Integrations page says so, and nothing is
              // sent until a key is verified again — only if this key is still the saved one.
              await prisma.integration.updateMany({
                where: { provider: "KLAVIYO", shopId, encryptedKey: sealed },
                data: { verification: "INVALID", lastCheckedAt: new Date(), lastError: result.error },
              });
            }
            return result;
          }
        },
      },
    };
  },
};
