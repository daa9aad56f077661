import { prisma } from "@/lib/db/prisma";
import { adminGraphql } from "@/lib/shopify/admin-graphql";
import { shopifyIdSchema } from "@/lib/shopify/shopify-payload-schemas";
import { LOCATIONS_QUERY } from "./shopify-catalog-queries";

type LocationsPage = {
  locations: {
    nodes: { id: string; name: string; fulfillsOnlineOrders: boolean; isActive: boolean }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

/**
 * Reads the shop's active locations from the Admin API and stores them (name, fulfils online orders); the
 * merchant's own selling choice is kept. Locations Shopify no longer lists are removed. Returns how many.
 */
export async function syncLocations(shopId: string): Promise<number> {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: LocationsPage = await adminGraphql<LocationsPage>(shopId, LOCATIONS_QUERY, { after });
    for (const node of page.locations.nodes.filter((n) => n.isActive)) {
      const shopifyLocationId = shopifyIdSchema.parse(node.id);
      seen.push(shopifyLocationId);
      await prisma.location.upsert({
        where: { shopId_shopifyLocationId: { shopId, shopifyLocationId } },
        create: { shopId, shopifyLocationId, name: node.name, fulfillsOnlineOrders: node.fulfillsOnlineOrders },
        update: { name: node.name, fulfillsOnlineOrders: node.fulfillsOnlineOrders },
      });
    }
    after = page.locations.pageInfo.hasNextPage ? page.locations.pageInfo.endCursor : null;
  } while (after);
  await prisma.location.deleteMany({ where: { shopId, shopifyLocationId: { notIn: seen } } });
  return seen.length;
}
