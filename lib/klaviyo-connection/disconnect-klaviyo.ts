import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import type { KlaviyoShopInput } from "./schemas";

/** Deletes the saved Klaviyo key (the row stays, so re-connecting keeps the enabled choice). */
export async function disconnectKlaviyo(_input: KlaviyoShopInput, ctx: ShopContext): Promise<{ disconnected: boolean }> {
  const { count } = await prisma.klaviyoIntegration.updateMany({
    where: { shopId: ctx.shop.id, encryptedKey: { not: null } },
    data: { encryptedKey: null, keyLast4: null, verification: "UNVERIFIED", lastError: null, accountName: null, lastVerifiedAt: null, lastCheckedAt: null },
  });
  if (count > 0) await recordAudit(ctx, "klaviyo.disconnected");
  return { disconnected: count > 0 };
}
