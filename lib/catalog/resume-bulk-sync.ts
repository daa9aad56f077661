import { prisma } from "@/lib/db/prisma";
import { adminGraphql } from "@/lib/shopify/admin-graphql";
import { continueBulkSync } from "./continue-bulk-sync";
import { finishCatalogSync } from "./finish-catalog-sync";
import { readFixes } from "./read-fixes";
import { CURRENT_BULK_OPERATION_QUERY } from "./shopify-catalog-queries";

type CurrentBulk = {
  currentBulkOperation: {
    id: string;
    status: string;
    errorCode: string | null;
    objectCount: string;
    url: string | null;
  } | null;
};

export type ResumeBulkSyncResult = "applied" | "still_running" | "failed" | "not_waiting";

/**
 * Continues a sync waiting on its bulk query (from bulk_operations/finish, or the sweep when that webhook never
 * came): asks Shopify for the operation; when it completed, claims the sync (only one caller applies it) and
 * applies the JSONL; when it failed or was replaced, marks the sync FAILED with the reason.
 */
export async function resumeBulkSync(syncId: string): Promise<ResumeBulkSyncResult> {
  const sync = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
  if (sync.status !== "WAITING_BULK" || !sync.bulkOperationId) return "not_waiting";
  const { currentBulkOperation: operation } = await adminGraphql<CurrentBulk>(
    sync.shopId,
    CURRENT_BULK_OPERATION_QUERY,
  );
  if (operation?.id === sync.bulkOperationId && (operation.status === "RUNNING" || operation.status === "CREATED"))
    return "still_running";
  if (operation?.id !== sync.bulkOperationId || operation.status !== "COMPLETED") {
    const reason =
      operation?.id === sync.bulkOperationId
        ? `Shopify's bulk query ended ${operation.status.toLowerCase()}${operation.errorCode ? ` (${operation.errorCode})` : ""}`
        : "Shopify no longer has this bulk query";
    await prisma.catalogSync.updateMany({
      where: { id: syncId, status: "WAITING_BULK" },
      data: { status: "FAILED", error: `${reason}; start the sync again.` },
    });
    return "failed";
  }
  // bulk_operations/finish and the sweep may both get here: one of them takes the sync.
  const claimed = await prisma.catalogSync.updateMany({
    where: { id: syncId, status: "WAITING_BULK" },
    data: { status: "RUNNING" },
  });
  if (claimed.count === 0) return "not_waiting";
  if (!operation.url) {
    // A completed query with no result file: the catalog is empty.
    await finishCatalogSync(syncId, readFixes(sync.fixes));
    return "applied";
  }
  await continueBulkSync(syncId, operation.url);
  return "applied";
}
