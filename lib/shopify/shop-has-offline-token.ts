import { prisma } from "@/lib/db/prisma";

/** Whether the store is installed: an unrevoked offline token stored for a shop that has not uninstalled. */
export async function shopHasOfflineToken(shopDomain: string): Promise<boolean> {
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { uninstalledAt: true, shopifyToken: { select: { revokedAt: true } } },
  });
  return Boolean(shop && !shop.uninstalledAt && shop.shopifyToken && !shop.shopifyToken.revokedAt);
}
