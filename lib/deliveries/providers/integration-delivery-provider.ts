import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider, Integration } from "@/lib/generated/prisma/client";
import { clientForShop, IntegrationUnavailableError } from "@/lib/integrations/client-for-shop";
import type { ClientOf, RegisteredProvider } from "@/lib/integrations/registry";
import type { DeliveryProviderAdapter, DueDelivery, OpenedProvider, SendResult } from "./delivery-provider";

const RECHECK_MS = 2_000;

type ShopState = { uninstalledAt: Date | null; plan: string; integration: Integration | null };

/** What differs between providers that send through the shop's own integration key (Postscript, Klaviyo). */
export type IntegrationDeliverySpec<P extends RegisteredProvider & DeliveryProvider> = {
  provider: P;
  /** Why the shop's plan holds this provider's events, or null (Postscript is a Paid-plan feature). */
  planPauseReason?(plan: string): string | null;
  /** Why sending pauses, in the provider's words and pointing where the merchant fixes it. */
  messages: { notConnected: string; disabled: string; notVerified: string; keyChanged: string };
  /** Sends one row; a failure is thrown and turned into the ledger's next step by `classify`. */
  send(client: ClientOf<P>, delivery: DueDelivery): Promise<Extract<SendResult, { outcome: "delivered" }>>;
  classify(error: unknown): SendResult;
  /** One cheap call through the key's budget (the circuit's probe). */
  probe(client: ClientOf<P>): Promise<unknown>;
  /** Whether a failed probe still means the provider answered (a refused key, which the next send pauses on). */
  answered(error: unknown): boolean;
};

async function loadState(shopId: string, provider: RegisteredProvider): Promise<ShopState | null> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: { uninstalledAt: true, plan: true, integrations: { where: { provider } } },
  });
  return shop && { uninstalledAt: shop.uninstalledAt, plan: shop.plan, integration: shop.integrations[0] ?? null };
}

/**
 * A delivery provider that sends through the shop's own integration key, opened by clientForShop: pauses (rows
 * stay PENDING) while the shop is gone or uninstalled, its plan holds the provider, the integration is missing,
 * disabled or unverified, or the key changes mid-run; a key the provider refuses while sending becomes INVALID
 * (only if it is still the saved one). Every process sending with the key shares its one budget.
 */
export function integrationDeliveryProvider<P extends RegisteredProvider & DeliveryProvider>(
  spec: IntegrationDeliverySpec<P>,
): DeliveryProviderAdapter {
  const { provider, messages } = spec;
  const pauseReasonOf = (state: ShopState | null): string | null => {
    if (!state) return "The shop no longer exists.";
    if (state.uninstalledAt) return "The shop uninstalled Signalboard: nothing is sent until it is installed again.";
    const planReason = spec.planPauseReason?.(state.plan);
    if (planReason) return planReason;
    const integration = state.integration;
    if (!integration?.encryptedKey) return messages.notConnected;
    if (!integration.enabled) return messages.disabled;
    if (integration.verification !== "VERIFIED") return messages.notVerified;
    return null;
  };

  return {
    provider,
    async open(shopId): Promise<OpenedProvider> {
      const state = await loadState(shopId, provider);
      const reason = pauseReasonOf(state);
      if (reason) return { status: "paused", reason };
      const sealed = state!.integration!.encryptedKey!;
      let opened;
      try {
        // The engine reserves each send's slot itself (timed to the claim); probes wait for theirs like any call.
        opened = await clientForShop(provider, shopId, { integration: state!.integration, paced: false });
      } catch (error) {
        if (error instanceof IntegrationUnavailableError) return { status: "paused", reason: error.message };
        throw error;
      }
      const { client } = opened;
      const prober = opened.withOptions({});

      let checkedAt = Date.now();
      let lastReason: string | null = null;
      return {
        status: "ready",
        session: {
          limit: opened.budget,

          async probe() {
            try {
              await spec.probe(prober);
              return true;
            } catch (error) {
              return spec.answered(error);
            }
          },

          async pauseReason() {
            if (lastReason || Date.now() - checkedAt < RECHECK_MS) return lastReason;
            checkedAt = Date.now();
            const current = await loadState(shopId, provider);
            lastReason = pauseReasonOf(current);
            // A key replaced mid-run needs a new session (and budget): stop this one; the next run picks it up.
            if (!lastReason && current?.integration?.encryptedKey !== sealed) lastReason = messages.keyChanged;
            return lastReason;
          },

          async send(delivery: DueDelivery): Promise<SendResult> {
            try {
              return await spec.send(client, delivery);
            } catch (error) {
              const result = spec.classify(error);
              if (result.outcome === "pause") {
                lastReason = result.error;
                // The key no longer works (revoked, or lost a permission): the connection's banner says so, and
                // nothing is sent until a key is verified again — only if this key is still the saved one.
                await prisma.integration.updateMany({
                  where: { provider, shopId, encryptedKey: sealed },
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
}
