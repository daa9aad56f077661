import { prisma } from "@/lib/db/prisma";

export type UpsellProductOption = {
  id: string;
  title: string;
  vendor: string | null;
  productType: string | null;
  published: boolean;
  /** Lowest and highest variant price, as Shopify sends them ("24.00"). */
  minPrice: string | null;
  maxPrice: string | null;
  /** Units in stock over all variants. */
  available: number;
  /** Some variant is sold on preorder, so the product can be offered while sold out. */
  preorder: boolean;
  variantCount: number;
};

const LIMIT = 1_000;

/** The shop's local catalog for the strategy form's product picker, by title (at most 1,000 products). */
export async function listUpsellProducts(
  shopId: string,
): Promise<{ products: UpsellProductOption[]; truncated: boolean }> {
  const rows = await prisma.product.findMany({
    where: { shopId },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: LIMIT + 1,
    select: {
      id: true,
      title: true,
      vendor: true,
      productType: true,
      published: true,
      variants: { select: { price: true, available: true, preorder: true } },
    },
  });
  const products = rows.slice(0, LIMIT).map((p) => {
    const prices = p.variants.map((v) => v.price).sort((a, b) => Number(a) - Number(b));
    return {
      id: p.id,
      title: p.title,
      vendor: p.vendor,
      productType: p.productType,
      published: p.published,
      minPrice: prices[0] ?? null,
      maxPrice: prices.at(-1) ?? null,
      available: p.variants.reduce((sum, v) => sum + Math.max(0, v.available), 0),
      preorder: p.variants.some((v) => v.preorder),
      variantCount: p.variants.length,
    };
  });
  return { products, truncated: rows.length > LIMIT };
}
