import { recordAudit } from "@/lib/audit/record-audit";
import type { ShopContext } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { recomputeSellingStock } from "./recompute-selling-stock";

/**
 * The merchant's choice of whether a location's stock counts as sellable online (null: Shopify's own
 * "fulfils online orders"). Stock of every variant is recomputed at once. Audited.
 */
export async function setLocationSelling(
  input: { locationId: string; sellsOnline: boolean | null },
  ctx: ShopContext,
): Promise<{ variantsChanged: number }> {
  const location = await prisma.location.findFirst({ where: { id: input.locationId, shopId: ctx.shop.id } });
  if (!location)
    throw new AppError(
      "NOT_FOUND",
      "That location is not one of this store's locations. Sync the catalog to refresh the list.",
    );
  await prisma.location.update({ where: { id: location.id }, data: { sellsOnline: input.sellsOnline } });
  await recordAudit(ctx, "catalog.location_selling", { location: location.name, sellsOnline: input.sellsOnline });
  return { variantsChanged: await recomputeSellingStock(ctx.shop.id) };
}
