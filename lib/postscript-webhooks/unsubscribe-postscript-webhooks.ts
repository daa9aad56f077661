import { prisma } from "@/lib/db/prisma";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { postscriptClientForKey } from "@/lib/postscript-connection/postscript-client-for-key";

/**
 * Removes the shop's webhook subscriptions from Postscript before its key is forgotten. Postscript being
 * unreachable does not block a disconnect: the token is dropped either way, so later deliveries are refused.
 */
export async function unsubscribePostscriptWebhooks(shopId: string, apiKey: string): Promise<void> {
  const row = await prisma.postscriptIntegration.findUnique({ where: { shopId }, select: { webhookIds: true } });
  const client = postscriptClientForKey(apiKey);
  for (const id of row?.webhookIds ?? []) {
    try {
      await client.deleteWebhook(id);
    } catch (error) {
      if (!(error instanceof PostscriptError)) throw error;
    }
  }
  await prisma.postscriptIntegration.updateMany({
    where: { shopId },
    data: { encryptedWebhookToken: null, webhookIds: [], webhookError: null },
  });
}
