import { prisma } from "@/lib/db/prisma";
import { readFixes } from "./read-fixes";

export type CatalogSyncView = {
  latest: {
    id: string;
    kind: "FULL" | "RECONCILE";
    status: "RUNNING" | "WAITING_BULK" | "COMPLETED" | "FAILED";
    synced: number;
    total: number;
    error: string | null;
    startedAt: string;
    finishedAt: string | null;
    corrected: number;
  } | null;
  lastCompletedAt: string | null;
  locations: { id: string; name: string; fulfillsOnlineOrders: boolean; sellsOnline: boolean; chosen: boolean }[];
  connected: boolean;
};

/** What the Settings "Catalog and locations" card shows: the latest sync's progress and each location's choice. */
export async function getCatalogSyncView(shopId: string): Promise<CatalogSyncView> {
  const [latest, lastCompleted, locations, token] = await Promise.all([
    prisma.catalogSync.findFirst({ where: { shopId }, orderBy: { startedAt: "desc" } }),
    prisma.catalogSync.findFirst({
      where: { shopId, status: "COMPLETED" },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
    prisma.location.findMany({ where: { shopId }, orderBy: { name: "asc" } }),
    prisma.shopifyToken.findUnique({ where: { shopId }, select: { revokedAt: true } }),
  ]);
  const fixes = latest ? readFixes(latest.fixes) : null;
  return {
    latest: latest
      ? {
          id: latest.id,
          kind: latest.kind,
          status: latest.status,
          synced: latest.syncedVariants,
          total: latest.totalVariants,
          error: latest.error,
          startedAt: latest.startedAt.toISOString(),
          finishedAt: latest.finishedAt?.toISOString() ?? null,
          corrected: fixes
            ? fixes.stockCorrected +
              fixes.variantsUpdated +
              fixes.variantsDeleted +
              fixes.levelsCorrected +
              fixes.productsUpdated
            : 0,
        }
      : null,
    lastCompletedAt: lastCompleted?.finishedAt?.toISOString() ?? null,
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name,
      fulfillsOnlineOrders: l.fulfillsOnlineOrders,
      sellsOnline: l.sellsOnline ?? l.fulfillsOnlineOrders,
      chosen: l.sellsOnline !== null,
    })),
    connected: Boolean(token && !token.revokedAt),
  };
}
