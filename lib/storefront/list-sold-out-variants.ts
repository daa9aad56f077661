import { getBackInStockSettings } from "@/lib/restock/get-back-in-stock-settings";
import { prisma } from "@/lib/db/prisma";

export type SoldOutVariant = {
  /** Shopify's variant id: what a storefront sends. */
  shopifyVariantId: string;
  productTitle: string;
  variantTitle: string;
  vendor: string | null;
  price: string;
  imageUrl: string | null;
  available: number;
  waiting: number;
};

/**
 * The shop's published variants a shopper could join a waitlist for (stock at or below the shop's threshold),
 * from the local catalog, with how many customers are already waiting. For the storefront preview.
 */
export async function listSoldOutVariants(shopId: string, limit = 60): Promise<SoldOutVariant[]> {
  const { threshold } = await getBackInStockSettings(shopId);
  const variants = await prisma.variant.findMany({
    where: { shopId, available: { lte: threshold }, product: { published: true } },
    orderBy: [{ product: { title: "asc" } }, { title: "asc" }],
    take: limit,
    include: {
      product: { select: { title: true, vendor: true, imageUrl: true } },
      _count: { select: { waitlistEntries: { where: { status: "WAITING" } } } },
    },
  });
  return variants.map((variant) => ({
    shopifyVariantId: variant.shopifyVariantId,
    productTitle: variant.product.title,
    variantTitle: variant.title,
    vendor: variant.product.vendor,
    price: variant.price,
    imageUrl: variant.product.imageUrl,
    available: variant.available,
    waiting: variant._count.waitlistEntries,
  }));
}
