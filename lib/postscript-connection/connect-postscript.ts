import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import type { ConnectPostscriptInput } from "./schemas";
import { subscribePostscriptWebhooks } from "@/lib/postscript-webhooks/subscribe-postscript-webhooks";
import { postscriptClientForKey } from "./postscript-client-for-key";
import { sendIntegrationConnected } from "./send-integration-connected";

export type ConnectOutcome =
  | { result: "connected"; keyLast4: string; accountName: string; connectedEventSent: boolean }
  | { result: "saved_unverified"; keyLast4: string; reason: string };

const INVALID_KEY_MESSAGE =
  "Invalid Postscript API key. In Postscript, open Settings → API, create a Security Key Pair, click Show and copy the whole Private Key, then paste it here.";

/**
 * Step 2 of setup: checks a pasted Private API Key against Postscript before keeping it.
 * - Accepted: stored encrypted, marked verified, subscribed to Postscript's opt-in webhooks; the first time,
 *   "Integration Connected" goes to Postscript.
 * - Rejected (401/403): nothing is stored, so a key that worked before keeps working.
 * - Postscript unreachable (timeout, 5xx, rate limit): the key is kept, unverified, for a retry.
 */
export async function connectPostscript(input: ConnectPostscriptInput, ctx: ShopContext): Promise<ConnectOutcome> {
  const keyLast4 = input.apiKey.slice(-4);
  let accountName: string;
  try {
    accountName = (await postscriptClientForKey(input.apiKey, { priority: "interactive" }).getMe()).resourceName;
  } catch (error) {
    if (!(error instanceof PostscriptError)) throw error;
    if (error.kind === "invalid_key" || error.kind === "not_found") {
      await recordAudit(ctx, "postscript.key_rejected", { keyLast4, reason: error.kind });
      throw new AppError("BAD_REQUEST", INVALID_KEY_MESSAGE, { apiKey: INVALID_KEY_MESSAGE });
    }
    if (error.kind === "forbidden") {
      const message =
        "Postscript recognised this key but it lacks API access. Check that SMS sending is enabled on your Postscript plan and that you copied the Private Key.";
      await recordAudit(ctx, "postscript.key_rejected", { keyLast4, reason: error.kind });
      throw new AppError("BAD_REQUEST", message, { apiKey: message });
    }
    const reason = error.message;
    const sealed = encryptSecret(input.apiKey);
    await prisma.postscriptIntegration.upsert({
      where: { shopId: ctx.shop.id },
      create: { shopId: ctx.shop.id, encryptedKey: sealed, keyLast4, verification: "UNVERIFIED", lastCheckedAt: new Date(), lastError: reason },
      update: {
        encryptedKey: sealed,
        keyLast4,
        verification: "UNVERIFIED",
        lastCheckedAt: new Date(),
        lastError: reason,
        accountName: null,
        lastVerifiedAt: null,
      },
    });
    await recordAudit(ctx, "postscript.key_saved_unverified", { keyLast4, reason: error.kind });
    return { result: "saved_unverified", keyLast4, reason };
  }

  const now = new Date();
  const sealed = encryptSecret(input.apiKey);
  const verified = { encryptedKey: sealed, keyLast4, verification: "VERIFIED" as const, lastVerifiedAt: now, lastCheckedAt: now, lastError: null, accountName };
  await prisma.postscriptIntegration.upsert({
    where: { shopId: ctx.shop.id },
    create: { shopId: ctx.shop.id, ...verified },
    update: verified,
  });
  await recordAudit(ctx, "postscript.connected", { keyLast4 });
  await subscribePostscriptWebhooks(ctx.shop.id, input.apiKey);
  const sent = await sendIntegrationConnected(ctx);
  return { result: "connected", keyLast4, accountName, connectedEventSent: sent };
}
