import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { dispatchRestock } from "./dispatch-restock";

/**
 * Records a variant's stock (the sum over locations Shopify reported). When it goes from at or below the shop's
 * threshold to above it, the product is published and the shop installed, that is a restock: a Restock
 * (trigger INVENTORY) is created and `restockDetected` dispatched (the restock fan-out job).
 *
 * Two webhooks racing for the same variant are serialised by the variant's row lock, so they make one restock,
 * not two. If the dispatch itself fails, the restock row is already stored and the delivery sweeper plans it.
 */
export async function applyVariantStock(variantId: string, available: number): Promise<{ restockId: string | null }> {
  if (!Number.isInteger(available)) throw new AppError("BAD_REQUEST", "Stock must be a whole number.");
  const restock = await prisma.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ available: number }[]>`
      SELECT available FROM "Variant" WHERE id = ${variantId} FOR UPDATE`;
    if (!before) throw new AppError("NOT_FOUND", "That product variant is not in the catalog.");
    const variant = await tx.variant.update({
      where: { id: variantId },
      data: { available },
      select: { shopId: true, product: { select: { published: true } }, shop: { select: { uninstalledAt: true } } },
    });
    const settings = await tx.backInStockSettings.findUnique({
      where: { shopId: variant.shopId },
      select: { threshold: true },
    });
    const threshold = settings?.threshold ?? 0;
    const crossed = before.available <= threshold && available > threshold;
    if (!crossed || !variant.product.published || variant.shop.uninstalledAt) return null;
    return tx.restock.create({
      data: { shopId: variant.shopId, variantId, trigger: "INVENTORY", available },
      select: { id: true, shopId: true, variantId: true },
    });
  });
  if (!restock) return { restockId: null };
  await dispatchRestock(restock);
  return { restockId: restock.id };
}
