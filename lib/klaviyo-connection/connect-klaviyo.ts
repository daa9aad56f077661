import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { klaviyoClientForKey } from "./klaviyo-client-for-key";
import type { ConnectKlaviyoInput } from "./schemas";

export type ConnectKlaviyoOutcome =
  | { result: "connected"; keyLast4: string; accountName: string | null }
  | { result: "saved_unverified"; keyLast4: string; reason: string };

const KLAVIYO_KEY_REFUSED_MESSAGE =
  "Klaviyo did not accept this key. In Klaviyo open Settings → API keys, create a Private API Key, and paste the whole key (it starts with pk_).";

const KLAVIYO_KEY_SCOPES_MESSAGE =
  "Klaviyo recognised this key but it lacks the scopes Signalboard needs. Use a Full Access key, or a Custom key with Accounts: Read and Events: Full access.";

/**
 * Connects Klaviyo with a pasted Private API Key, checked against Klaviyo (Get Accounts) before it is kept:
 * - accepted: stored encrypted and marked verified;
 * - refused (401, or 403 for missing scopes): nothing is stored, so a key that worked before keeps working;
 * - Klaviyo unreachable (timeout, 5xx, rate limit): the new key is kept, unverified, with the reason.
 */
export async function connectKlaviyo(input: ConnectKlaviyoInput, ctx: ShopContext): Promise<ConnectKlaviyoOutcome> {
  const keyLast4 = input.apiKey.slice(-4);
  const now = new Date();
  let accountName: string | null;
  try {
    accountName = (await klaviyoClientForKey(input.apiKey).getAccount()).name;
  } catch (error) {
    if (!(error instanceof KlaviyoError)) throw error;
    if (error.kind === "invalid_key" || error.kind === "forbidden") {
      const message = error.kind === "forbidden" ? KLAVIYO_KEY_SCOPES_MESSAGE : KLAVIYO_KEY_REFUSED_MESSAGE;
      await recordAudit(ctx, "klaviyo.key_rejected", { keyLast4, reason: error.kind });
      throw new AppError("BAD_REQUEST", message, { apiKey: message });
    }
    const reason = error.message;
    const unverified = {
      encryptedKey: encryptSecret(input.apiKey),
      keyLast4,
      verification: "UNVERIFIED" as const,
      lastCheckedAt: now,
      lastError: reason,
      accountName: null,
      lastVerifiedAt: null,
    };
    await prisma.klaviyoIntegration.upsert({ where: { shopId: ctx.shop.id }, create: { shopId: ctx.shop.id, ...unverified }, update: unverified });
    await recordAudit(ctx, "klaviyo.key_saved_unverified", { keyLast4, reason: error.kind });
    return { result: "saved_unverified", keyLast4, reason };
  }

  const verified = {
    encryptedKey: encryptSecret(input.apiKey),
    keyLast4,
    verification: "VERIFIED" as const,
    lastVerifiedAt: now,
    lastCheckedAt: now,
    lastError: null,
    accountName,
  };
  await prisma.klaviyoIntegration.upsert({ where: { shopId: ctx.shop.id }, create: { shopId: ctx.shop.id, ...verified }, update: verified });
  await recordAudit(ctx, "klaviyo.connected", { keyLast4 });
  return { result: "connected", keyLast4, accountName };
}
