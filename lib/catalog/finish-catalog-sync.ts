import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordWebhookAudit } from "@/lib/shopify/record-webhook-audit";
import type { CatalogFixes } from "./apply-catalog-rows";

/**
 * Completes a sync that has read every variant: variants this sync did not see (and no webhook touched since it
 * began) were deleted in Shopify and are removed; the fixes are stored on the sync and, for a reconciliation
 * that changed anything, in the audit log.
 */
export async function finishCatalogSync(syncId: string, fixes: CatalogFixes): Promise<void> {
  const sync = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
  const removed = await prisma.variant.deleteMany({
    where: {
      shopId: sync.shopId,
      OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lt: sync.startedAt } }],
      updatedAt: { lt: sync.startedAt },
    },
  });
  fixes.variantsDeleted += removed.count;
  const json = fixes as unknown as Prisma.InputJsonObject;
  await prisma.catalogSync.update({
    where: { id: syncId },
    data: { status: "COMPLETED", finishedAt: new Date(), fixes: json, error: null },
  });
  const changed = Object.entries(fixes).some(
    ([key, value]) => key !== "sample" && key !== "restocks" && typeof value === "number" && value > 0,
  );
  if (sync.kind === "RECONCILE" && changed)
    await recordWebhookAudit(sync.shopId, "catalog.reconciled", { syncId, ...json });
  if (sync.kind === "FULL")
    await recordWebhookAudit(sync.shopId, "catalog.synced", { syncId, variants: sync.totalVariants });
}
