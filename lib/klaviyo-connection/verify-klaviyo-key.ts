import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { klaviyoClientForKey } from "./klaviyo-client-for-key";
import type { KlaviyoShopInput } from "./schemas";

export type VerifyKlaviyoOutcome = { verification: "VERIFIED" | "UNVERIFIED" | "INVALID"; message: string };

const INVALID_MESSAGE = "Klaviyo no longer accepts this key: it may have been revoked or lost a scope. Paste a new Private API Key.";

/**
 * Checks the saved key against Klaviyo again ("Verify again"). A key Klaviyo now refuses is marked INVALID (kept,
 * so the merchant sees which key it was); an outage leaves it UNVERIFIED with the reason. A rate-limited check
 * changes nothing: Get Accounts allows about one call a second, and being busy says nothing about the key.
 */
export async function verifyKlaviyoKey(_input: KlaviyoShopInput, ctx: ShopContext): Promise<VerifyKlaviyoOutcome> {
  const integration = await prisma.klaviyoIntegration.findUnique({ where: { shopId: ctx.shop.id } });
  if (!integration?.encryptedKey) throw new AppError("BAD_REQUEST", "No Klaviyo key is saved yet: paste your Private API Key first.");
  const now = new Date();
  let apiKey: string;
  try {
    apiKey = decryptSecret(integration.encryptedKey);
  } catch {
    throw new AppError("CONFLICT", "The saved Klaviyo key cannot be read (the server's encryption key changed): paste your Private API Key again.");
  }
  let outcome: VerifyKlaviyoOutcome;
  try {
    const account = await klaviyoClientForKey(apiKey).getAccount();
    await prisma.klaviyoIntegration.update({
      where: { shopId: ctx.shop.id },
      data: { verification: "VERIFIED", lastVerifiedAt: now, lastCheckedAt: now, lastError: null, accountName: account.name },
    });
    outcome = { verification: "VERIFIED", message: account.name ? `Connected to ${account.name}.` : "Klaviyo accepted the key." };
  } catch (error) {
    if (!(error instanceof KlaviyoError)) throw error;
    if (error.kind === "rate_limited") {
      const wait = error.retryAfterMs ? ` in ${Math.ceil(error.retryAfterMs / 1000)} s` : " in a moment";
      return { verification: integration.verification, message: `Klaviyo is busy (rate limit): nothing changed, try again${wait}.` };
    }
    const invalid = error.kind === "invalid_key" || error.kind === "forbidden";
    const message = invalid ? INVALID_MESSAGE : `Key saved but Klaviyo could not be reached to verify it: ${error.message}`;
    await prisma.klaviyoIntegration.update({
      where: { shopId: ctx.shop.id },
      data: { verification: invalid ? "INVALID" : "UNVERIFIED", lastCheckedAt: now, lastError: message },
    });
    outcome = { verification: invalid ? "INVALID" : "UNVERIFIED", message };
  }
  await recordAudit(ctx, "klaviyo.key_verified", { result: outcome.verification });
  return outcome;
}
