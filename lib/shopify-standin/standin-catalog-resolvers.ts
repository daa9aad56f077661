import { GraphQLError } from "graphql";
import {
  catalogVariants,
  type StandinCatalog,
  type StandinLocation,
  type StandinProduct,
  type StandinVariant,
} from "./standin-catalog";

/** How a request is being answered: `bulk` (inside a bulk operation) pages are unlimited, as Shopify's are. */
export type ResolveContext = { bulk: boolean };
type PageArgs = { first?: number | null; after?: string | null };

const MAX_PAGE = 250;
const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString("base64");

function startAfter(after: string | null | undefined): number {
  if (!after) return 0;
  const match = /^cursor:(\d+)$/.exec(Buffer.from(after, "base64").toString());
  if (!match) throw new GraphQLError("Invalid cursor for current pagination sort.");
  return Number(match[1]) + 1;
}

/** A Relay connection over `items` as Shopify pages it: `first` required (≤ 250) outside bulk operations. */
function connection<T, V>(items: T[], args: PageArgs, context: ResolveContext, view: (item: T) => V) {
  const start = startAfter(args.after);
  let end = items.length;
  if (!context.bulk) {
    if (args.first == null) throw new GraphQLError("you must provide one of first or last");
    if (args.first > MAX_PAGE || args.first < 0)
      throw new GraphQLError(`The maximum number of items per page is ${MAX_PAGE}.`);
    end = Math.min(items.length, start + args.first);
  }
  const edges = items.slice(start, end).map((item, i) => ({ cursor: cursorOf(start + i), node: view(item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function locationView(location: StandinLocation) {
  return {
    id: gid("Location", location.id),
    legacyResourceId: location.id,
    name: location.name,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    isActive: true,
  };
}

function productView(product: StandinProduct, domain: string) {
  return {
    id: gid("Product", product.id),
    legacyResourceId: product.id,
    title: product.title,
    handle: product.handle,
    vendor: product.vendor ?? "",
    productType: product.productType ?? "",
    status: "ACTIVE",
    featuredImage: product.imageUrl ? { url: product.imageUrl } : null,
    onlineStoreUrl: product.published ? `https://${domain}/products/${product.handle}` : null,
  };
}

/** The Admin API's catalog root fields over a store's stand-in catalog. */
export function catalogResolvers(catalog: StandinCatalog, domain: string) {
  const locationsById = new Map(catalog.locations.map((l) => [l.id, l]));

  function variantView(product: StandinProduct, variant: StandinVariant) {
    return {
      id: gid("ProductVariant", variant.id),
      legacyResourceId: variant.id,
      title: variant.title,
      sku: variant.sku,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      image: variant.imageUrl ? { url: variant.imageUrl } : null,
      product: productView(product, domain),
      metafield: ({ namespace, key }: { namespace?: string | null; key: string }) => {
        const metafield = catalog.metafields
          .get(gid("ProductVariant", variant.id))
          ?.get(`${namespace ?? "app"}.${key}`);
        return metafield ? { ...metafield, ownerType: "PRODUCTVARIANT" } : null;
      },
      inventoryItem: {
        id: gid("InventoryItem", variant.inventoryItemId),
        legacyResourceId: variant.inventoryItemId,
        inventoryLevels: (args: PageArgs, context: ResolveContext) => {
          const levels = [...(catalog.levels.get(variant.inventoryItemId) ?? new Map<string, number>())].filter(
            ([locationId]) => locationsById.has(locationId),
          );
          return connection(levels, args, context, ([locationId, available]) => ({
            id: `gid://shopify/InventoryLevel/${variant.inventoryItemId}?inventory_item_id=${variant.inventoryItemId}&location_id=${locationId}`,
            location: locationView(locationsById.get(locationId)!),
            quantities: ({ names }: { names: string[] }) =>
              names
                .filter((name) => name === "available" || name === "on_hand")
                .map((name) => ({ name, quantity: available })),
          }));
        },
      },
    };
  }

  return {
    locations: (args: PageArgs, context: ResolveContext) => connection(catalog.locations, args, context, locationView),
    productVariants: (args: PageArgs, context: ResolveContext) =>
      connection(catalogVariants(catalog), args, context, ({ product, variant }) => variantView(product, variant)),
    productVariantsCount: () => ({ count: catalog.products.reduce((n, p) => n + p.variants.length, 0) }),
  };
}
