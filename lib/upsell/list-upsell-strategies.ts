import { prisma } from "@/lib/db/prisma";
import type { DiscountType, UpsellPlacement, UpsellProductRule } from "@/lib/generated/prisma/enums";

export type UpsellStrategyRow = {
  id: string;
  name: string;
  enabled: boolean;
  placement: UpsellPlacement;
  productRule: UpsellProductRule;
  /** The chosen products still in the catalog, in the order chosen (Specific products only). */
  products: { id: string; title: string; published: boolean }[];
  /** Chosen products Shopify has since deleted from the catalog. */
  missingProductCount: number;
  discountType: DiscountType;
  discountValue: string;
  maxOffers: number;
  notifyPostscript: boolean;
  notifyKlaviyo: boolean;
  createdAt: string;
  updatedAt: string;
};

/** The shop's upsell strategies oldest first, the order in which matching tries them. */
export async function listUpsellStrategies(
  shopId: string,
  options: { strategyId?: string } = {},
): Promise<UpsellStrategyRow[]> {
  const strategies = await prisma.upsellStrategy.findMany({
    where: { shopId, ...(options.strategyId ? { id: options.strategyId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const productIds = [...new Set(strategies.flatMap((s) => s.productIds))];
  const products = productIds.length
    ? await prisma.product.findMany({
        where: { shopId, id: { in: productIds } },
        select: { id: true, title: true, published: true },
      })
    : [];
  const byId = new Map(products.map((p) => [p.id, p]));
  return strategies.map((s) => {
    const chosen = s.productIds.flatMap((id) => byId.get(id) ?? []);
    return {
      id: s.id,
      name: s.name,
      enabled: s.enabled,
      placement: s.placement,
      productRule: s.productRule,
      products: chosen,
      missingProductCount: s.productIds.length - chosen.length,
      discountType: s.discountType,
      discountValue: s.discountValue,
      maxOffers: s.maxOffers,
      notifyPostscript: s.notifyPostscript,
      notifyKlaviyo: s.notifyKlaviyo,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  });
}
