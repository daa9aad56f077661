import { prisma } from "@/lib/db/prisma";
import type { Integration } from "@/lib/generated/prisma/client";
import { clientForShop, IntegrationUnavailableError } from "@/lib/integrations/client-for-shop";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { classifyPostscriptFailure } from "./classify-postscript-failure";
import type { DeliveryProviderAdapter, DueDelivery, OpenedProvider, SendResult } from "./delivery-provider";

const RECHECK_MS = 2_000;

type ShopState = {
  uninstalledAt: Date | null;
  plan: string;
  integration: Integration | null;
};

async function loadState(shopId: string): Promise<ShopState | null> {
  return prisma.shop.findUnique({
    where: { id: shopId },
    select: {
      uninstalledAt: true,
      plan: true,
      integrations: { where: { provider: "POSTSCRIPT" } },
    },
  }).then((shop) => shop && { uninstalledAt: shop.uninstalledAt, plan: shop.plan, integration: shop.integrations[0] ?? null });
}

/** Why the shop cannot send through Postscript right now, or null when it can. */
function pauseReasonOf(state: ShopState | null): string | null {
  if (!state) return "The shop no longer exists.";
  if (state.uninstalledAt) return "The shop uninstalled Signalboard: nothing is sent until it is installed again.";
  // Postscript is a Paid-plan feature: a downgraded shop's events wait (not dropped) until it upgrades again.
  if (state.plan !== "PAID") return "Your plan (Free) does not include Postscript: waiting events are sent when you upgrade, or choose Built-in SMS or Klaviyo.";
  const integration = state.integration;
  if (!integration?.encryptedKey) return "Postscript is not connected: paste your Private API Key in step 2 to send waiting alerts.";
  if (!integration.enabled) return "The Postscript integration is disabled: waiting alerts are sent when you enable it again.";
  if (integration.verification !== "VERIFIED") {
    return "Your Postscript key is not verified: waiting alerts are sent once a working key is verified in step 2.";
  }
  return null;
}

/**
 * Sends through the shop's own Postscript account (its verified key, opened by clientForShop), and every
 * process sending with it shares the key's one budget at the integration's configured rate.
 */
export const postscriptProvider: DeliveryProviderAdapter = {
  provider: "POSTSCRIPT",
  async open(shopId): Promise<OpenedProvider> {
    const state = await loadState(shopId);
    const reason = pauseReasonOf(state);
    if (reason) return { status: "paused", reason };
    const sealed = state!.integration!.encryptedKey!;
    let opened;
    try {
      // The engine reserves each send's slot itself (timed to the claim); probes wait for theirs like any call.
      opened = await clientForShop("POSTSCRIPT", shopId, { integration: state!.integration, paced: false });
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
            await prober.getMe();
            return true;
          } catch (error) {
            // Any answer from Postscript (even a refused key, which the next send pauses on) means it is back.
            return error instanceof PostscriptError && !error.retryable;
          }
        },

        async pauseReason() {
          if (lastReason || Date.now() - checkedAt < RECHECK_MS) return lastReason;
          checkedAt = Date.now();
          const current = await loadState(shopId);
          lastReason = pauseReasonOf(current);
          // A key replaced mid-run needs a new session (and limiter): stop this one; the next run picks it up.
          if (!lastReason && current?.integration?.encryptedKey !== sealed) {
            lastReason = "The Postscript key changed while sending: the rest goes out with the new key.";
          }
          return lastReason;
        },

        async send(delivery: DueDelivery): Promise<SendResult> {
          try {
            const { eventIds } = await client.sendEvent({
              type: delivery.eventType,
              phone: delivery.recipientPhone ?? undefined,
              email: delivery.recipientEmail ?? undefined,
              properties: delivery.properties,
              externalId: delivery.idempotencyKey,
            });
            return { outcome: "delivered", responseStatus: 202, responseBody: JSON.stringify({ event_ids: eventIds }) };
          } catch (error) {
            const result = classifyPostscriptFailure(error);
            if (result.outcome === "pause") {
              lastReason = result.error;
              // The key no longer works (revoked, or lost its permission): the connection banner says so, and
              // nothing is sent until a key is verified again — only if this key is still the saved one.
              await prisma.integration.updateMany({
                where: { provider: "POSTSCRIPT", shopId, encryptedKey: sealed },
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
