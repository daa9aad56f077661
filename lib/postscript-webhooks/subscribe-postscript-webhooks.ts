import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { integrationWhere } from "@/lib/integrations/integration-where";
import type { PostscriptClient } from "@/lib/postscript/postscript-client";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { POSTSCRIPT_WEBHOOK_EVENTS, postscriptWebhookUrl } from "./postscript-webhook-events";

/**
 * Subscribes the shop's Postscript account to opt-in, opt-out and incoming-message webhooks (keeping any that
 * already point at us, so reconnecting never duplicates them) and stores the signing token encrypted. A failure
 * is recorded, not thrown: the key still works for sending, and setup says opt-ins are not being received.
 */
export async function subscribePostscriptWebhooks(
  shopId: string,
  client: PostscriptClient,
): Promise<{ subscribed: boolean }> {
  const callbackUrl = postscriptWebhookUrl(shopId);
  const where = integrationWhere(shopId, "POSTSCRIPT");
  try {
    const token = await client.getWebhookToken();
    const existing = (await client.listWebhooks()).filter((hook) => hook.callbackUrl === callbackUrl);
    const ids: string[] = [];
    for (const event of POSTSCRIPT_WEBHOOK_EVENTS) {
      const found = existing.find((hook) => hook.event === event);
      ids.push(found ? found.id : (await client.createWebhook({ event, callbackUrl })).id);
    }
    await prisma.integration.update({
      where,
      data: { encryptedWebhookToken: encryptSecret(token), webhookIds: ids, webhookError: null },
    });
    return { subscribed: true };
  } catch (error) {
    if (!(error instanceof PostscriptError)) throw error;
    await prisma.integration.update({ where, data: { webhookError: error.message } });
    return { subscribed: false };
  }
}
