import { prisma } from "@/lib/db/prisma";

/** The shop with this myshopify domain while the app is installed on it, else null (never installed or uninstalled). */
export async function findInstalledShop(domain: string): Promise<{ id: string } | null> {
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { id: true, uninstalledAt: true } });
  return shop && !shop.uninstalledAt ? { id: shop.id } : null;
}
