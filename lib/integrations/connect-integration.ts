import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { integrationWhere } from "./integration-where";
import { adapterFor, type RegisteredProvider } from "./registry";

export type ConnectIntegrationOutcome =
  | { result: "connected"; keyLast4: string; accountName: string | null; connectedEventSent?: boolean }
  | { result: "saved_unverified"; keyLast4: string; reason: string };

/**
 * Connects a provider with a pasted key, checked against the provider before it is kept:
 * - accepted: stored encrypted and marked verified, then the adapter's afterVerified runs;
 * - refused (401, missing scope or access): nothing is stored, so a key that worked before keeps working;
 * - the provider unreachable (timeout, 5xx, rate limit): the new key is kept, unverified, with the reason.
 */
export async function connectIntegration(
  provider: RegisteredProvider,
  apiKey: string,
  ctx: ShopContext,
  /**
   * What goes with the key for providers that need more than one (Twilio: the Account SID and the sender); kept
   * only when the key is (settings replace the saved ones).
   */
  details: { accountId?: string | null; settings?: Prisma.JsonObject } = {},
): Promise<ConnectIntegrationOutcome> {
  const adapter = adapterFor(provider);
  const keyLast4 = apiKey.slice(-4);
  const where = integrationWhere(ctx.shop.id, provider);
  const accountId = details.accountId ?? null;
  const client = adapter.createClient(
    { apiKey, accountId, settings: details.settings ?? null },
    { priority: "interactive", perSecond: adapter.defaultPerSecond },
  );
  const settings = details.settings ? { settings: details.settings } : {};
  let accountName: string | null;
  try {
    accountName = await adapter.fetchAccountName(client);
  } catch (error) {
    const judged = adapter.judgeKeyError(error);
    if (!judged) throw error;
    if (judged.verdict === "refused") {
      const message = adapter.messages.keyRefused(judged.kind);
      await recordAudit(ctx, `${adapter.auditPrefix}.key_rejected`, { keyLast4, reason: judged.kind });
      throw new AppError("BAD_REQUEST", message, { apiKey: message });
    }
    const unverified = {
      encryptedKey: encryptSecret(apiKey),
      keyLast4,
      accountId,
      verification: "UNVERIFIED" as const,
      lastCheckedAt: new Date(),
      lastError: judged.message,
      accountName: null,
      lastVerifiedAt: null,
      ...settings,
    };
    await prisma.integration.upsert({
      where,
      create: { shopId: ctx.shop.id, provider, ...unverified },
      update: unverified,
    });
    await recordAudit(ctx, `${adapter.auditPrefix}.key_saved_unverified`, { keyLast4, reason: judged.kind });
    return { result: "saved_unverified", keyLast4, reason: judged.message };
  }

  const now = new Date();
  const verified = {
    encryptedKey: encryptSecret(apiKey),
    keyLast4,
    accountId,
    verification: "VERIFIED" as const,
    lastVerifiedAt: now,
    lastCheckedAt: now,
    lastError: null,
    accountName,
    ...settings,
  };
  await prisma.integration.upsert({ where, create: { shopId: ctx.shop.id, provider, ...verified }, update: verified });
  await recordAudit(ctx, `${adapter.auditPrefix}.connected`, { keyLast4 });
  const extra = (await adapter.afterVerified?.(ctx, client)) ?? {};
  return { result: "connected", keyLast4, accountName, ...extra };
}
