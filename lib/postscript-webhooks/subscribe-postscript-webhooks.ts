import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { postscriptClientForKey } from "@/lib/postscript-connection/postscript-client-for-key";
import { POSTSCRIPT_WEBHOOK_EVENTS, postscriptWebhookUrl } from "./postscript-webhook-events";

/**
 * Subscribes the shop's Postscript account to opt-in, opt-out and incoming-message webhooks (keeping any that
 * already point at us, so reconnecting never duplicates them) and stores the signing token encrypted. A failure
 * is recorded, not thrown: the key still works for sending, and setup says opt-ins are not being received.
 */
export async function subscribePostscriptWebhooks(shopId: string, apiKey: string): Promise<{ subscribed: boolean }> {
  const client = postscriptClientForKey(apiKey);
  const callbackUrl = postscriptWebhookUrl(shopId);
  try {
    const token = await client.getWebhookToken();
    const existing = (await client.listWebhooks()).filter((hook) => hook.callbackUrl === callbackUrl);
    const ids: string[] = [];
    for (const event of POSTSCRIPT_WEBHOOK_EVENTS) {
      const found = existing.find((hook) => hook.event === event);
      ids.push(found ? found.id : (await client.createWebhook({ event, callbackUrl })).id);
    }
    await prisma.postscriptIntegration.update({
      where: { shopId },
      data: { encryptedWebhookToken: encryptSecret(token), webhookIds: ids, webhookError: null },
    });
    return { subscribed: true };
  } catch (error) {
    if (!(error instanceof PostscriptError)) throw error;
    await prisma.postscriptIntegration.update({ where: { shopId }, data: { webhookError: error.message } });
    return { subscribed: false };
  }
}
