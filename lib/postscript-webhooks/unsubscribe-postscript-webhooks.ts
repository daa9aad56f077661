import { prisma } from "@/lib/db/prisma";
import { integrationWhere } from "@/lib/integrations/integration-where";
import type { PostscriptClient } from "@/lib/postscript/postscript-client";
import { PostscriptError } from "@/lib/postscript/postscript-error";

/**
 * Removes the shop's webhook subscriptions from Postscript before its key is forgotten. Postscript being
 * unreachable does not block a disconnect: the token is dropped either way, so later deliveries are refused.
 */
export async function unsubscribePostscriptWebhooks(shopId: string, client: PostscriptClient): Promise<void> {
  const row = await prisma.integration.findUnique({
    where: integrationWhere(shopId, "POSTSCRIPT"),
    select: { webhookIds: true },
  });
  for (const id of row?.webhookIds ?? []) {
    try {
      await client.deleteWebhook(id);
    } catch (error) {
      if (!(error instanceof PostscriptError)) throw error;
    }
  }
  await prisma.integration.updateMany({
    where: { shopId, provider: "POSTSCRIPT" },
    data: { encryptedWebhookToken: null, webhookIds: [], webhookError: null },
  });
}
