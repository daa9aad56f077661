import { prisma } from "@/lib/db/prisma";

export type CatalogVariant = {
  id: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  available: number;
  preorder: boolean;
  shippingTimeline: string | null;
};

/** The shop's variants from the local catalog, preorder ones first, for the Preorders page. */
export async function listCatalogVariants(shopId: string, take = 200): Promise<CatalogVariant[]> {
  const variants = await prisma.variant.findMany({
    where: { shopId },
    orderBy: [{ preorder: "desc" }, { product: { title: "asc" } }, { title: "asc" }],
    take,
    include: { product: { select: { title: true } } },
  });
  return variants.map((v) => ({
    id: v.id,
    productTitle: v.product.title,
    variantTitle: v.title,
    sku: v.sku,
    available: v.available,
    preorder: v.preorder,
    shippingTimeline: v.shippingTimeline,
  }));
}
