import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import type { ShopOnlyInput } from "./schemas";

/** Removes the saved key (the ciphertext is deleted, not just hidden); the shop's other settings stay. */
export async function disconnectPostscript(_input: ShopOnlyInput, ctx: ShopContext): Promise<{ disconnected: boolean }> {
  const { count } = await prisma.postscriptIntegration.updateMany({
    where: { shopId: ctx.shop.id, encryptedKey: { not: null } },
    data: { encryptedKey: null, keyLast4: null, verification: "UNVERIFIED", lastError: null, accountName: null, lastVerifiedAt: null },
  });
  if (count > 0) await recordAudit(ctx, "postscript.disconnected");
  return { disconnected: count > 0 };
}
