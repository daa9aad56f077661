import { prisma } from "@/lib/db/prisma";
import type { OrderLineItem } from "@/lib/shopify/order-line-item";

/** The order's lines as our Product/Variant ids, which upsell matching works on (unknown variants give nulls). */
export async function orderProductLines(
  shopId: string,
  lines: readonly OrderLineItem[],
): Promise<{ productId: string | null; variantId: string | null }[]> {
  const variantIds = lines.map((line) => line.variantId).filter((id): id is string => Boolean(id));
  const products = new Map(
    (
      await prisma.variant.findMany({
        where: { shopId, id: { in: variantIds } },
        select: { id: true, productId: true },
      })
    ).map((v) => [v.id, v.productId]),
  );
  return lines.map((line) => ({
    variantId: line.variantId,
    productId: (line.variantId && products.get(line.variantId)) || null,
  }));
}
