import { notFound } from "next/navigation";
import { cache } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { resolveShopContext, type ShopContext } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";

/**
 * For the storefront preview: the shop with this myshopify domain, for a signed-in member of it. Anyone else —
 * signed out, another shop's merchant, a support agent — gets the 404 page, which says nothing about the shop.
 */
export const requirePreviewShop = cache(async (shopDomain: string): Promise<ShopContext> => {
  const user = await currentUser();
  if (!user) notFound();
  let domain: string;
  try {
    domain = decodeURIComponent(shopDomain).trim().toLowerCase();
  } catch {
    notFound();
  }
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { id: true } });
  const ctx = shop ? await resolveShopContext(user, shop.id) : null;
  if (!ctx || ctx.role === "SUPPORT_AGENT") notFound();
  return ctx;
});
