import { z } from "zod";
import { shopifyIdSchema } from "@/lib/shopify/shopify-payload-schemas";

const levelSchema = z.object({
  location: z.object({ id: shopifyIdSchema }),
  quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
});
export type ShopifyLevelNode = z.input<typeof levelSchema>;

const variantSchema = z.object({
  id: shopifyIdSchema,
  title: z.string(),
  sku: z.string().nullish(),
  price: z.union([z.string(), z.number()]).transform(String),
  compareAtPrice: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null || v === "" ? null : String(v))),
  image: z.object({ url: z.string() }).nullish(),
  product: z.object({
    id: shopifyIdSchema,
    title: z.string(),
    handle: z.string(),
    vendor: z.string().nullish(),
    productType: z.string().nullish(),
    status: z.string(),
    onlineStoreUrl: z.string().nullish(),
    featuredImage: z.object({ url: z.string() }).nullish(),
  }),
  inventoryItem: z.object({ id: shopifyIdSchema }),
});

/** One variant as the sync stores it: Shopify ids as numeric strings, stock per location. */
export type CatalogRow = {
  product: {
    shopifyProductId: string;
    title: string;
    handle: string;
    vendor: string | null;
    productType: string | null;
    imageUrl: string | null;
    published: boolean;
  };
  variant: {
    shopifyVariantId: string;
    inventoryItemId: string;
    title: string;
    sku: string | null;
    price: string;
    compareAtPrice: string | null;
    imageUrl: string | null;
  };
  /** locationId → available. */
  levels: Map<string, number>;
};

const nonEmpty = (v: string | null | undefined) => (v && v.trim() ? v : null);

/** Reads a ProductVariant node (paged answer or JSONL line) and its level nodes; throws on a shape Shopify never sends. */
export function parseShopifyVariant(node: unknown, levelNodes: unknown[]): CatalogRow {
  const v = variantSchema.parse(node);
  const levels = new Map<string, number>();
  for (const raw of levelNodes) {
    const level = levelSchema.parse(raw);
    const available = level.quantities.find((q) => q.name === "available");
    if (available) levels.set(level.location.id, available.quantity);
  }
  return {
    product: {
      shopifyProductId: v.product.id,
      title: v.product.title,
      handle: v.product.handle,
      vendor: nonEmpty(v.product.vendor),
      productType: nonEmpty(v.product.productType),
      imageUrl: v.product.featuredImage?.url ?? null,
      // Published on the Online Store: active, and Shopify gives it a storefront URL.
      published: v.product.status === "ACTIVE" && Boolean(v.product.onlineStoreUrl),
    },
    variant: {
      shopifyVariantId: v.id,
      inventoryItemId: v.inventoryItem.id,
      title: v.title,
      sku: nonEmpty(v.sku),
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      imageUrl: v.image?.url ?? null,
    },
    levels,
  };
}
