import type { ShopContext } from "@/lib/auth/shop-context";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { sendOnce } from "@/lib/deliveries/send-once";
import { postscriptClientForKey } from "./postscript-client-for-key";

export const INTEGRATION_CONNECTED = "integration_connected";

/**
 * Sends the "Integration Connected" event the first time a shop connects Postscript, and never again: the
 * ledger's idempotency key is per shop. Returns whether it was delivered by this call. A failure is recorded
 * and retried at the next successful verification.
 */
export async function sendIntegrationConnected(ctx: Pick<ShopContext, "shop" | "user">): Promise<boolean> {
  const integration = await prisma.postscriptIntegration.findUnique({ where: { shopId: ctx.shop.id } });
  if (!integration?.encryptedKey || integration.firstConnectedAt) return false;
  const connectedAt = new Date();
  const properties = {
    shop_name: ctx.shop.name,
    shop_domain: ctx.shop.domain,
    connected_by: ctx.user.name ?? ctx.user.email ?? "merchant",
    connected_at: connectedAt.toISOString(),
    app_name: "Signalboard",
  };
  const outcome = await sendOnce(
    {
      shopId: ctx.shop.id,
      provider: "POSTSCRIPT",
      eventType: INTEGRATION_CONNECTED,
      idempotencyKey: `${ctx.shop.id}:${INTEGRATION_CONNECTED}`,
      recipientEmail: ctx.user.email ?? null,
      properties,
    },
    async () => {
      const client = postscriptClientForKey(decryptSecret(integration.encryptedKey!));
      const { eventIds } = await client.sendEvent({
        type: INTEGRATION_CONNECTED,
        email: ctx.user.email ?? undefined,
        occurredAt: connectedAt,
        properties,
        externalId: `${ctx.shop.id}:${INTEGRATION_CONNECTED}`,
      });
      return { responseStatus: 202, responseBody: JSON.stringify({ event_ids: eventIds }) };
    },
  );
  if (outcome.status !== "DELIVERED") return false;
  await prisma.postscriptIntegration.update({ where: { shopId: ctx.shop.id }, data: { firstConnectedAt: connectedAt } });
  return !outcome.alreadyDelivered;
}
