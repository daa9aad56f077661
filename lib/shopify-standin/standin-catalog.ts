import { z } from "zod";
import { DEMO_SHOPS } from "../db/seed-demo";
import { DEMO_CATALOG, DEMO_LOCATION, type DemoProduct } from "../shopify/demo-catalog";

/** A location of a stand-in store; `fulfillsOnlineOrders` is what Shopify reports for it. */
export type StandinLocation = { id: string; name: string; fulfillsOnlineOrders: boolean };

export type StandinVariant = {
  id: string;
  inventoryItemId: string;
  title: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  imageUrl: string | null;
};

export type StandinProduct = {
  id: string;
  title: string;
  handle: string;
  vendor: string | null;
  productType: string | null;
  imageUrl: string | null;
  /** On the Online Store sales channel (its `onlineStoreUrl` is null otherwise). */
  published: boolean;
  variants: StandinVariant[];
};

/** One store's products, locations and `available` per inventory item and location (numeric ids as strings). */
export type StandinCatalog = {
  locations: StandinLocation[];
  products: StandinProduct[];
  /** inventoryItemId → locationId → available. */
  levels: Map<string, Map<string, number>>;
  /** Metafields the app set (metafieldsSet): owner gid → "namespace.key" → metafield. */
  metafields: Map<string, Map<string, StandinMetafield>>;
};

export type StandinMetafield = { id: string; namespace: string; key: string; type: string; value: string };

const idText = z.string().regex(/^\d+$/, "must be a numeric Shopify id (as a string)");

/** What the control API accepts to give a store its catalog (levels as [inventoryItemId, locationId, available]). */
export const standinCatalogSchema = z.object({
  locations: z
    .array(z.object({ id: idText, name: z.string().min(1), fulfillsOnlineOrders: z.boolean().default(true) }))
    .min(1),
  products: z.array(
    z.object({
      id: idText,
      title: z.string().min(1),
      handle: z.string().min(1),
      vendor: z.string().nullable().default(null),
      productType: z.string().nullable().default(null),
      imageUrl: z.string().nullable().default(null),
      published: z.boolean().default(true),
      variants: z
        .array(
          z.object({
            id: idText,
            inventoryItemId: idText,
            title: z.string().min(1),
            sku: z.string().nullable().default(null),
            price: z.string().regex(/^\d+\.\d{2}$/),
            compareAtPrice: z
              .string()
              .regex(/^\d+\.\d{2}$/)
              .nullable()
              .default(null),
            imageUrl: z.string().nullable().default(null),
          }),
        )
        .min(1),
    }),
  ),
  levels: z.array(z.tuple([idText, idText, z.number().int()])).default([]),
});
export type StandinCatalogInput = z.input<typeof standinCatalogSchema>;

/** Builds a store's catalog from control-API input (already validated). */
export function catalogFromInput(input: z.output<typeof standinCatalogSchema>): StandinCatalog {
  const levels = new Map<string, Map<string, number>>();
  for (const [item, location, available] of input.levels) {
    if (!levels.has(item)) levels.set(item, new Map());
    levels.get(item)!.set(location, available);
  }
  return { locations: input.locations, products: input.products, levels, metafields: new Map() };
}

/** Every variant with its product, in catalog order (the order `productVariants` pages through). */
export function catalogVariants(catalog: StandinCatalog): { product: StandinProduct; variant: StandinVariant }[] {
  return catalog.products.flatMap((product) => product.variants.map((variant) => ({ product, variant })));
}

/**
 * A generated catalog for tests and benchmarks: `variants` variants (10 per product) stocked at every location,
 * ids from `seed` so two stores never share one. Every 7th variant is sold out everywhere.
 */
export function generateStandinCatalog(options: {
  seed: number;
  variants: number;
  locations: StandinLocation[];
}): z.input<typeof standinCatalogSchema> {
  const base = BigInt(options.seed) * 10_000_000n;
  const products: z.input<typeof standinCatalogSchema>["products"] = [];
  const levels: [string, string, number][] = [];
  for (let i = 0; i < options.variants; i++) {
    const p = Math.floor(i / 10);
    if (!products[p]) {
      products[p] = {
        id: String(8_000_000_000_000n + base + BigInt(p)),
        title: `Product ${p + 1}`,
        handle: `product-${p + 1}`,
        vendor: "Gen",
        productType: "Thing",
        variants: [],
      };
    }
    const inventoryItemId = String(4_800_000_000_000n + base + BigInt(i));
    products[p]!.variants!.push({
      id: String(4_600_000_000_000n + base + BigInt(i)),
      inventoryItemId,
      title: `Variant ${i + 1}`,
      sku: `GEN-${i + 1}`,
      price: "10.00",
    });
    options.locations.forEach((location, l) =>
      levels.push([inventoryItemId, location.id, i % 7 === 0 ? 0 : (i % 5) + l]),
    );
  }
  return { locations: options.locations, products, levels };
}

/** The demo store whose catalog lib/db/seed-demo-catalog.ts seeds. */
export const DEMO_CATALOG_STORE = DEMO_SHOPS.northwindOutfitters.domain;

/**
 * Products written the way the seed and the webhook payloads describe them (DemoProduct, ProductPayloadInput) as a
 * stand-in store's catalog: the same ids, stocked at the one demo location, which fulfils online orders.
 */
export function oneLocationCatalog(
  products: readonly (Omit<DemoProduct, "tags"> & { status?: "active" | "draft" | "archived" })[],
): StandinCatalogInput {
  return {
    locations: [{ id: DEMO_LOCATION.id, name: DEMO_LOCATION.name, fulfillsOnlineOrders: true }],
    products: products.map((p) => ({
      id: p.shopifyProductId,
      title: p.title,
      handle: p.handle,
      vendor: p.vendor,
      productType: p.productType,
      imageUrl: p.imageUrl,
      published: (p.status ?? "active") === "active",
      variants: p.variants.map((v) => ({
        id: v.shopifyVariantId,
        inventoryItemId: v.inventoryItemId,
        title: v.title,
        sku: v.sku,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
      })),
    })),
    levels: products.flatMap((p) =>
      p.variants.map((v): [string, string, number] => [v.inventoryItemId, DEMO_LOCATION.id, v.available]),
    ),
  };
}

/** The seed's demo catalog as the stand-in's. */
export function demoStandinCatalog(): StandinCatalog {
  return catalogFromInput(standinCatalogSchema.parse(oneLocationCatalog(DEMO_CATALOG)));
}
