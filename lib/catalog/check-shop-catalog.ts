import { prisma } from "@/lib/db/prisma";
import { resumeBulkSync } from "./resume-bulk-sync";
import { BULK_POLL_AFTER_MS, STALLED_AFTER_MS, startCatalogSync } from "./start-catalog-sync";

/** Reconciliation runs once a day per shop ("nightly"). */
export const RECONCILE_EVERY_MS = 24 * 60 * 60_000;

export type CatalogCheckOutcome = "started" | "resumed" | "reconciled" | "nothing";
export type CatalogCheck = { outcome: CatalogCheckOutcome; checkAgainInMs: number | null };

/**
 * One shop's catalog check: a shop never synced gets its first full sync (the sync "on install"); a bulk sync
 * whose finish webhook did not come is polled; a stalled sync is resumed; with `reconcile`, a shop whose last
 * reconciliation is a day old is reconciled (missed webhooks healed and recorded). A shop uninstalled or without a
 * usable token is left alone. `checkAgainInMs`: a sync is under way and nothing else will look at it again (a
 * sync this check started or resumed has scheduled its own check; see scheduleCatalogCheck).
 */
export async function checkShopCatalog(
  shopId: string,
  options: { reconcile: boolean; now?: Date },
): Promise<CatalogCheck> {
  const now = options.now ?? new Date();
  const installed = await prisma.shop.count({
    where: { id: shopId, uninstalledAt: null, shopifyToken: { is: { revokedAt: null } } },
  });
  if (installed === 0) return { outcome: "nothing", checkAgainInMs: null };
  const latest = await prisma.catalogSync.findFirst({ where: { shopId }, orderBy: { startedAt: "desc" } });
  if (!latest) {
    await startCatalogSync(shopId, "FULL");
    return { outcome: "started", checkAgainInMs: null };
  }
  const age = now.getTime() - latest.updatedAt.getTime();
  if (latest.status === "WAITING_BULK") {
    if (age <= BULK_POLL_AFTER_MS) return { outcome: "nothing", checkAgainInMs: BULK_POLL_AFTER_MS - age };
    const polled = await resumeBulkSync(latest.id);
    return { outcome: "resumed", checkAgainInMs: polled === "still_running" ? BULK_POLL_AFTER_MS : null };
  }
  if (latest.status === "RUNNING") {
    if (age <= STALLED_AFTER_MS) return { outcome: "nothing", checkAgainInMs: STALLED_AFTER_MS - age };
    await startCatalogSync(shopId, latest.kind);
    return { outcome: "resumed", checkAgainInMs: null };
  }
  if (!options.reconcile) return { outcome: "nothing", checkAgainInMs: null };
  const lastReconcile = await prisma.catalogSync.findFirst({
    where: { shopId, kind: "RECONCILE" },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  if (now.getTime() - (lastReconcile ?? latest).startedAt.getTime() < RECONCILE_EVERY_MS) {
    return { outcome: "nothing", checkAgainInMs: null };
  }
  await startCatalogSync(shopId, "RECONCILE");
  return { outcome: "reconciled", checkAgainInMs: null };
}
