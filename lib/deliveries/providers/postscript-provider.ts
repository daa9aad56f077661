import { prisma } from "@/lib/db/prisma";
import type { Integration } from "@/lib/generated/prisma/client";
import { clientForShop, IntegrationUnavailableError } from "@/lib/integrations/client-for-shop";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import type { DeliveryProviderAdapter, DueDelivery, OpenedProvider, SendResult } from "./delivery-provider";

const RECHECK_MS = 2_000;

// Failures that happen before a byte of the request left this machine: a retry cannot produce a duplicate.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT",
]);

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

function codeChain(error: unknown): string[] {
  const codes: string[] = [];
  for (let cause = error, depth = 0; cause && typeof cause === "object" && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    cause = (cause as { cause?: unknown }).cause;
  }
  return codes;
}

/** Maps a failed Postscript call to what the ledger does next (see SendResult). */
export function classifyPostscriptFailure(error: unknown): SendResult {
  if (!(error instanceof PostscriptError)) {
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
    case "unreachable":
      return { outcome: "retry", error: error.message, responseStatus: null, rateLimited: false };
    case "network":
      if (codeChain(error.cause).some((code) => NOT_SENT_CODES.has(code))) {
        return { outcome: "retry", error: error.message, responseStatus: null, rateLimited: false };
      }
      return {
        outcome: "unconfirmed",
        error:
          "Unconfirmed: the request reached Postscript but the connection broke before it answered, so the event may " +
          "have been received. It is not resent on its own, because Postscript does not de-duplicate events and the " +
          "customer could be texted twice.",
      };
    case "timeout":
      return {
        outcome: "unconfirmed",
        error:
          "Unconfirmed: the request reached Postscript but no answer came in time, so the event may still have been " +
          "received. It is not resent on its own, because Postscript does not de-duplicate events and the customer " +
          "could be texted twice.",
      };
    case "invalid_key":
    case "forbidden":
      return { outcome: "pause", error: error.message, responseStatus: status };
    case "rejected":
    case "not_found":
      return { outcome: "failed", error: error.message, responseStatus: status };
  }
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
