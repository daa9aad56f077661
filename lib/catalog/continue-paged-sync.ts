import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { adminGraphql } from "@/lib/shopify/admin-graphql";
import { applyCatalogRows } from "./apply-catalog-rows";
import { finishCatalogSync } from "./finish-catalog-sync";
import { parseShopifyVariant } from "./parse-shopify-variant";
import { readFixes } from "./read-fixes";
import { sellingLocationIds } from "./selling-locations";
import { VARIANTS_PAGE_QUERY } from "./shopify-catalog-queries";

/** Variants per page: with 5 levels each the query costs about 850 of Shopify's 1,000 per query. */
export const PAGE_SIZE = 50;

type VariantsPage = {
  productVariants: {
    nodes: (Record<string, unknown> & { inventoryItem: { inventoryLevels: { nodes: unknown[] } } })[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

/**
 * Reads the catalog page by page from where the sync stopped (its stored cursor), writing each page and the
 * progress before asking for the next, so a failure loses at most one page. A failure marks the sync FAILED with
 * the reason (starting a sync again resumes it) and is rethrown.
 */
export async function continuePagedSync(syncId: string): Promise<void> {
  const sync = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
  const selling = await sellingLocationIds(sync.shopId);
  const fixes = readFixes(sync.fixes);
  let cursor = sync.cursor;
  let synced = sync.syncedVariants;
  try {
    await prisma.catalogSync.update({ where: { id: syncId }, data: { status: "RUNNING", error: null } });
    for (;;) {
      const page = await adminGraphql<VariantsPage>(sync.shopId, VARIANTS_PAGE_QUERY, {
        first: PAGE_SIZE,
        after: cursor,
      });
      const rows = page.productVariants.nodes.map((node) =>
        parseShopifyVariant(node, node.inventoryItem.inventoryLevels.nodes),
      );
      await applyCatalogRows(sync.shopId, rows, selling, sync.startedAt, fixes);
      synced += rows.length;
      cursor = page.productVariants.pageInfo.endCursor ?? cursor;
      await prisma.catalogSync.update({
        where: { id: syncId },
        data: {
          cursor,
          syncedVariants: synced,
          totalVariants: Math.max(sync.totalVariants, synced),
          fixes: fixes as unknown as Prisma.InputJsonObject,
        },
      });
      if (!page.productVariants.pageInfo.hasNextPage) break;
    }
  } catch (error) {
    await prisma.catalogSync.update({
      where: { id: syncId },
      data: { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : "sync failed" },
    });
    throw error;
  }
  await finishCatalogSync(syncId, fixes);
}
