import type { ShopContext } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { sendOnce } from "@/lib/deliveries/send-once";
import { findIntegration } from "@/lib/integrations/find-integration";
import { integrationWhere } from "@/lib/integrations/integration-where";
import type { PostscriptClient } from "@/lib/postscript/postscript-client";

export const INTEGRATION_CONNECTED = "integration_connected";

/**
 * Sends the "Integration Connected" event the first time a shop connects Postscript (through `client`, for the
 * key just verified), and never again: the ledger's idempotency key is per shop. Returns whether it was delivered
 * by this call. A failure is recorded and retried at the next successful verification.
 */
export async function sendIntegrationConnected(
  ctx: Pick<ShopContext, "shop" | "user">,
  client: PostscriptClient,
): Promise<boolean> {
  const integration = await findIntegration(ctx.shop.id, "POSTSCRIPT");
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
  await prisma.integration.update({
    where: integrationWhere(ctx.shop.id, "POSTSCRIPT"),
    data: { firstConnectedAt: connectedAt },
  });
  return !outcome.alreadyDelivered;
}
