import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Marks a shop's stored token revoked and deletes the sealed secrets themselves: nothing can call the Admin API
 * for the shop until it opens the app again (a new token exchange replaces the row).
 */
export async function revokeShopifyToken(
  shopId: string,
  client: Pick<Prisma.TransactionClient, "shopifyToken"> = prisma,
): Promise<boolean> {
  const revoked = await client.shopifyToken.updateMany({
    where: { shopId, revokedAt: null },
    data: { revokedAt: new Date(), encryptedAccessToken: "", encryptedRefreshToken: null },
  });
  return revoked.count > 0;
}
