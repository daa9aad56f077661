import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { unsubscribePostscriptWebhooks } from "@/lib/postscript-webhooks/unsubscribe-postscript-webhooks";
import type { ShopOnlyInput } from "./schemas";

/**
 * Removes the saved key (the ciphertext is deleted, not just hidden) after removing its webhook subscriptions
 * from Postscript; the shop's other settings stay.
 */
export async function disconnectPostscript(_input: ShopOnlyInput, ctx: ShopContext): Promise<{ disconnected: boolean }> {
  const saved = await prisma.postscriptIntegration.findUnique({ where: { shopId: ctx.shop.id }, select: { encryptedKey: true } });
  if (saved?.encryptedKey) await unsubscribePostscriptWebhooks(ctx.shop.id, decryptSecret(saved.encryptedKey));
  const { count } = await prisma.postscriptIntegration.updateMany({
    where: { shopId: ctx.shop.id, encryptedKey: { not: null } },
    data: { encryptedKey: null, keyLast4: null, verification: "UNVERIFIED", lastError: null, accountName: null, lastVerifiedAt: null },
  });
  if (count > 0) await recordAudit(ctx, "postscript.disconnected");
  return { disconnected: count > 0 };
}
