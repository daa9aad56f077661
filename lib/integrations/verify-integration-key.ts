import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { KeyVerification } from "@/lib/generated/prisma/client";
import { clientForShop } from "./client-for-shop";
import { findIntegration } from "./find-integration";
import { integrationWhere } from "./integration-where";
import { adapterFor, type RegisteredProvider } from "./registry";

export type VerifyIntegrationOutcome = { verification: KeyVerification; message: string };

/**
 * Checks the saved key against the provider again ("Verify again", support re-verify). A key the provider now
 * refuses is marked INVALID (kept, so the merchant sees which key it was); an outage leaves it UNVERIFIED with the
 * reason; a rate-limited check (when the adapter judges it "busy") changes nothing.
 */
export async function verifyIntegrationKey(
  provider: RegisteredProvider,
  ctx: ShopContext,
): Promise<VerifyIntegrationOutcome> {
  const adapter = adapterFor(provider);
  const integration = await findIntegration(ctx.shop.id, provider);
  if (!integration?.encryptedKey) throw new AppError("BAD_REQUEST", adapter.messages.noKeySaved);
  const { client } = await clientForShop(provider, ctx.shop.id, {
    integration,
    require: "saved",
    priority: "interactive",
  });
  const where = integrationWhere(ctx.shop.id, provider);
  const now = new Date();
  let outcome: VerifyIntegrationOutcome;
  try {
    const accountName = await adapter.fetchAccountName(client);
    await prisma.integration.update({
      where,
      data: { verification: "VERIFIED", lastVerifiedAt: now, lastCheckedAt: now, lastError: null, accountName },
    });
    outcome = {
      verification: "VERIFIED",
      message: accountName ? `Connected to ${accountName}.` : `${adapter.label} accepted the key.`,
    };
  } catch (error) {
    const judged = adapter.judgeKeyError(error);
    if (!judged) throw error;
    if (judged.verdict === "busy") {
      const wait = judged.retryAfterMs ? ` in ${Math.ceil(judged.retryAfterMs / 1000)} s` : " in a moment";
      return {
        verification: integration.verification,
        message: `${adapter.label} is busy (rate limit): nothing changed, try again${wait}.`,
      };
    }
    const invalid = judged.verdict === "refused";
    const message = invalid ? adapter.messages.noLongerAccepted : adapter.messages.couldNotVerify(judged.message);
    await prisma.integration.update({
      where,
      data: { verification: invalid ? "INVALID" : "UNVERIFIED", lastCheckedAt: now, lastError: message },
    });
    outcome = { verification: invalid ? "INVALID" : "UNVERIFIED", message };
  }
  await recordAudit(ctx, `${adapter.auditPrefix}.key_verified`, { result: outcome.verification });
  // Also repairs what a connect made while the provider was down never got (Postscript's webhook subscriptions).
  if (outcome.verification === "VERIFIED") await adapter.afterVerified?.(ctx, client);
  return outcome;
}
