import { prisma } from "@/lib/db/prisma";
import type { Prisma, UpsellStrategy } from "@/lib/generated/prisma/client";
import { discountedPrice } from "./discounted-price";

export type UpsellOffer = {
  productId: string;
  variantId: string;
  productTitle: string;
  variantTitle: string | null;
  imageUrl: string | null;
  /** After the discount, "24.00". */
  price: string;
  /** The regular price before our discount, "30.00". */
  compareAtPrice: string;
  /** Percentage: "20"; fixed: "4.00" (the amount actually taken off, so never more than the regular price). */
  discountAmount: string;
  discountType: "percentage" | "fixed_amount";
};

export type MatchedUpsell = {
  strategy: { id: string; name: string; notifyPostscript: boolean; notifyKlaviyo: boolean };
  /** 1..strategy.maxOffers (max 3). */
  offers: UpsellOffer[];
};

type OrderLine = { productId: string | null; variantId: string | null };

// Enough candidates to fill 3 offers even if a few have unreadable prices, without loading a whole vendor's catalog.
const CANDIDATES_PER_STRATEGY = 50;

const offerableVariant: Prisma.VariantWhereInput = { OR: [{ available: { gt: 0 } }, { preorder: true }] };

const candidateSelect = {
  id: true,
  title: true,
  imageUrl: true,
  variants: {
    where: offerableVariant,
    select: { id: true, shopifyVariantId: true, title: true, price: true, available: true },
  },
} satisfies Prisma.ProductSelect;

type Candidate = Prisma.ProductGetPayload<{ select: typeof candidateSelect }>;

/** Shopify ids are numeric strings that grow with creation, close to the order the merchant listed the options in. */
function byShopifyId(a: { shopifyVariantId: string }, b: { shopifyVariantId: string }) {
  return a.shopifyVariantId.length - b.shopifyVariantId.length || a.shopifyVariantId.localeCompare(b.shopifyVariantId);
}

/** The variant to offer: one in stock if there is one, else one on preorder. */
function pickVariant(variants: Candidate["variants"]) {
  const sorted = [...variants].sort(byShopifyId);
  return sorted.find((v) => v.available > 0) ?? sorted[0] ?? null;
}

function nonEmpty(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.trim() !== ""))];
}

/** The order's products (from product ids, or from variant ids when a line only has one), scoped to the shop. */
async function orderProducts(shopId: string, lines: OrderLine[]) {
  const variantIds = lines.filter((l) => !l.productId && l.variantId).map((l) => l.variantId!);
  const viaVariants = variantIds.length
    ? await prisma.variant.findMany({ where: { shopId, id: { in: variantIds } }, select: { productId: true } })
    : [];
  const ids = nonEmpty([...lines.map((l) => l.productId), ...viaVariants.map((v) => v.productId)]);
  const products = ids.length
    ? await prisma.product.findMany({ where: { shopId, id: { in: ids } }, select: { vendor: true, productType: true } })
    : [];
  return {
    ids,
    vendors: nonEmpty(products.map((p) => p.vendor)),
    productTypes: nonEmpty(products.map((p) => p.productType)),
  };
}

async function candidatesFor(
  strategy: UpsellStrategy,
  order: Awaited<ReturnType<typeof orderProducts>>,
): Promise<Candidate[]> {
  let rule: Prisma.ProductWhereInput;
  if (strategy.productRule === "SPECIFIC_PRODUCTS") {
    if (strategy.productIds.length === 0) return [];
    rule = { id: { in: strategy.productIds.filter((id) => !order.ids.includes(id)) } };
  } else if (strategy.productRule === "SAME_VENDOR") {
    if (order.vendors.length === 0) return [];
    rule = { vendor: { in: order.vendors }, id: { notIn: order.ids } };
  } else {
    if (order.productTypes.length === 0) return [];
    rule = { productType: { in: order.productTypes }, id: { notIn: order.ids } };
  }
  const candidates = await prisma.product.findMany({
    where: { shopId: strategy.shopId, published: true, variants: { some: offerableVariant }, ...rule },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: CANDIDATES_PER_STRATEGY,
    select: candidateSelect,
  });
  if (strategy.productRule !== "SPECIFIC_PRODUCTS") return candidates;
  // The merchant's chosen order decides which products come first.
  const position = new Map(strategy.productIds.map((id, index) => [id, index]));
  return candidates.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

function offersFor(strategy: UpsellStrategy, candidates: Candidate[]): UpsellOffer[] {
  const offers: UpsellOffer[] = [];
  for (const product of candidates) {
    if (offers.length >= strategy.maxOffers) break;
    const variant = pickVariant(product.variants);
    const priced = variant ? discountedPrice(variant.price, strategy.discountType, strategy.discountValue) : null;
    if (!variant || !priced) continue;
    offers.push({
      productId: product.id,
      variantId: variant.id,
      productTitle: product.title,
      // Shopify names the only variant of a product without options "Default Title": not worth showing a customer.
      variantTitle: variant.title && variant.title !== "Default Title" ? variant.title : null,
      imageUrl: product.imageUrl,
      ...priced,
      discountType: strategy.discountType === "PERCENTAGE" ? "percentage" : "fixed_amount",
    });
  }
  return offers;
}

/**
 * The first enabled strategy of that placement (oldest first) that yields at least one offer, or null. Offers are
 * never a product already in the order, only published products, each with a variant in stock (available > 0) or
 * on preorder; prices are discounted in integer cents (see discountedPrice).
 */
export async function matchUpsellStrategy(
  shopId: string,
  placement: "DURING_EDITING" | "ORDER_STATUS",
  lines: OrderLine[],
): Promise<MatchedUpsell | null> {
  const strategies = await prisma.upsellStrategy.findMany({
    where: { shopId, placement, enabled: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (strategies.length === 0) return null;
  const order = await orderProducts(shopId, lines);
  for (const strategy of strategies) {
    const offers = offersFor(strategy, await candidatesFor(strategy, order));
    if (offers.length > 0) {
      return {
        strategy: {
          id: strategy.id,
          name: strategy.name,
          notifyPostscript: strategy.notifyPostscript,
          notifyKlaviyo: strategy.notifyKlaviyo,
        },
        offers,
      };
    }
  }
  return null;
}
