import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import type { ShopOnlyInput } from "./schemas";
import { subscribePostscriptWebhooks } from "@/lib/postscript-webhooks/subscribe-postscript-webhooks";
import { postscriptClientForKey } from "./postscript-client-for-key";
import { sendIntegrationConnected } from "./send-integration-connected";

export type VerifyOutcome = { verification: "VERIFIED" | "UNVERIFIED" | "INVALID"; message: string };

/**
 * Checks the stored key against Postscript again ("Verify again", support re-verify, the daily check).
 * A key Postscript now refuses is marked INVALID (kept, so the merchant sees which key it was); an outage
 * leaves it UNVERIFIED with the reason.
 */
export async function verifyPostscriptKey(_input: ShopOnlyInput, ctx: ShopContext): Promise<VerifyOutcome> {
  const integration = await prisma.postscriptIntegration.findUnique({ where: { shopId: ctx.shop.id } });
  if (!integration?.encryptedKey) throw new AppError("BAD_REQUEST", "No Postscript API key is saved yet: paste your Private API Key first.");
  const now = new Date();
  let outcome: VerifyOutcome;
  try {
    const me = await postscriptClientForKey(decryptSecret(integration.encryptedKey), { priority: "interactive" }).getMe();
    await prisma.postscriptIntegration.update({
      where: { shopId: ctx.shop.id },
      data: { verification: "VERIFIED", lastVerifiedAt: now, lastCheckedAt: now, lastError: null, accountName: me.resourceName },
    });
    outcome = { verification: "VERIFIED", message: `Connected to ${me.resourceName}.` };
  } catch (error) {
    if (!(error instanceof PostscriptError)) throw error;
    const invalid = error.kind === "invalid_key" || error.kind === "forbidden" || error.kind === "not_found";
    const message = invalid
      ? "Invalid Postscript API key: Postscript no longer accepts it. It may have been regenerated or expired; paste a new Private API Key."
      : `API key saved but connection could not be verified: ${error.message}`;
    await prisma.postscriptIntegration.update({
      where: { shopId: ctx.shop.id },
      data: { verification: invalid ? "INVALID" : "UNVERIFIED", lastCheckedAt: now, lastError: message },
    });
    outcome = { verification: invalid ? "INVALID" : "UNVERIFIED", message };
  }
  await recordAudit(ctx, "postscript.key_verified", { result: outcome.verification });
  if (outcome.verification === "VERIFIED") {
    // Also repairs subscriptions lost or never made (Postscript was down at connect, a sandbox restart).
    await subscribePostscriptWebhooks(ctx.shop.id, decryptSecret(integration.encryptedKey));
    await sendIntegrationConnected(ctx);
  }
  return outcome;
}
