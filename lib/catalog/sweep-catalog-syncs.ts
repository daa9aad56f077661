import { prisma } from "@/lib/db/prisma";
import { resumeBulkSync } from "./resume-bulk-sync";
import { STALLED_AFTER_MS, startCatalogSync } from "./start-catalog-sync";

/** A bulk query not finished after this long is asked about (its finish webhook may have been lost). */
export const BULK_POLL_AFTER_MS = 2 * 60_000;
/** Reconciliation runs once a day per shop ("nightly"). */
export const RECONCILE_EVERY_MS = 24 * 60 * 60_000;

export type SweepCatalogSyncsResult = { started: number; resumed: number; reconciled: number; failed: number };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The catalog's background pass, per installed shop with a token: a shop never synced gets its first full sync
 * (the sync "on install"); a bulk sync whose finish webhook did not come is polled; a stalled sync is resumed;
 * with `reconcile`, a shop whose last reconciliation is a day old is reconciled (missed webhooks healed and
 * recorded). Shops are handled one after another; one shop's failure is logged and does not stop the others.
 */
export async function sweepCatalogSyncs(options: { reconcile: boolean; now?: Date }): Promise<SweepCatalogSyncsResult> {
  const now = options.now ?? new Date();
  const result: SweepCatalogSyncsResult = { started: 0, resumed: 0, reconciled: 0, failed: 0 };
  const shops = await prisma.shop.findMany({
    where: { uninstalledAt: null, shopifyToken: { is: { revokedAt: null } } },
    select: { id: true, domain: true, catalogSyncs: { orderBy: { startedAt: "desc" }, take: 1 } },
  });
  for (const shop of shops) {
    const latest = shop.catalogSyncs[0];
    try {
      if (!latest) {
        await startCatalogSync(shop.id, "FULL");
        result.started++;
      } else if (latest.status === "WAITING_BULK" && now.getTime() - latest.updatedAt.getTime() > BULK_POLL_AFTER_MS) {
        await resumeBulkSync(latest.id);
        result.resumed++;
      } else if (latest.status === "RUNNING" && now.getTime() - latest.updatedAt.getTime() > STALLED_AFTER_MS) {
        await startCatalogSync(shop.id, latest.kind);
        result.resumed++;
      } else if (options.reconcile && latest.status !== "RUNNING" && latest.status !== "WAITING_BULK") {
        const lastReconcile = await prisma.catalogSync.findFirst({
          where: { shopId: shop.id, kind: "RECONCILE" },
          orderBy: { startedAt: "desc" },
          select: { startedAt: true },
        });
        const since = (lastReconcile ?? latest).startedAt;
        if (now.getTime() - since.getTime() >= RECONCILE_EVERY_MS) {
          await startCatalogSync(shop.id, "RECONCILE");
          result.reconciled++;
        }
      }
    } catch (error) {
      result.failed++;
      console.error(`[catalog] sync for ${shop.domain} failed:`, errorText(error));
    }
  }
  return result;
}
