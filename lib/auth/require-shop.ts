import { notFound } from "next/navigation";
import { cache } from "react";
import { requireUser } from "./current-user";
import { resolveShopContext, type ShopContext } from "./shop-context";

/** For pages: the shop context of the signed-in user, or the 404 page (cached per request). */
export const requireShop = cache(async (shopId: string): Promise<ShopContext> => {
  const user = await requireUser();
  const ctx = await resolveShopContext(user, shopId);
  if (!ctx) notFound();
  return ctx;
});
