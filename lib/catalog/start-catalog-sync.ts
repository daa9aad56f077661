import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { CatalogSyncKind } from "@/lib/generated/prisma/client";
import { adminGraphql } from "@/lib/shopify/admin-graphql";
import { continuePagedSync } from "./continue-paged-sync";
import { resumeBulkSync } from "./resume-bulk-sync";
import { scheduleCatalogCheck } from "./schedule-catalog-check";
import {
  BULK_VARIANTS_QUERY,
  PAGED_LEVELS_PER_VARIANT,
  RUN_BULK_QUERY,
  VARIANT_COUNT_QUERY,
} from "./shopify-catalog-queries";
import { syncLocations } from "./sync-locations";

/** Above this many variants (or more locations than a page reads per variant) the sync uses a bulk query. */
export const BULK_THRESHOLD = 250;
/** A running sync not heard from for this long is stalled: a new request resumes it instead of waiting. */
export const STALLED_AFTER_MS = 5 * 60_000;
/** A bulk query not finished after this long is asked about (its finish webhook may have been lost). */
export const BULK_POLL_AFTER_MS = 2 * 60_000;

type RunBulk = { bulkOperationRunQuery: { bulkOperation: { id: string; status: string } | null } };

/** Starts the bulk query of a BULK sync and records it; the finish webhook (or the sweep) continues it. */
async function startBulkQuery(syncId: string, shopId: string): Promise<void> {
  const answer = await adminGraphql<RunBulk>(shopId, RUN_BULK_QUERY, { query: BULK_VARIANTS_QUERY });
  const operation = answer.bulkOperationRunQuery.bulkOperation;
  if (!operation) throw new AppError("UPSTREAM", "Shopify did not start the bulk query, try again.");
  // A new result file lists the variants afresh: its progress starts at 0 (writing a variant twice changes nothing).
  await prisma.catalogSync.update({
    where: { id: syncId },
    data: { status: "WAITING_BULK", bulkOperationId: operation.id, syncedVariants: 0, error: null },
  });
}

/**
 * Runs a full read of the shop's catalog and stock from Shopify (kind FULL: on install and from Settings;
 * RECONCILE: the nightly check). A sync already running is returned as it is; the shop's latest sync that failed
 * or stalled is resumed (paged: from its cursor; bulk: its result again, or a new bulk query). Otherwise the
 * locations are read, the variants counted, and a small catalog is read in pages here and now, a large one by a
 * bulk query whose finish continues it. Returns the sync's id. With `background`, the page reading is handed to it
 * instead of awaited (Settings answers at once and shows the progress).
 */
export async function startCatalogSync(
  shopId: string,
  kind: CatalogSyncKind,
  options: { background?: (work: () => Promise<void>) => void } = {},
): Promise<string> {
  const run = (work: () => Promise<void>) => (options.background ? options.background(work) : work());
  const latest = await prisma.catalogSync.findFirst({ where: { shopId }, orderBy: { startedAt: "desc" } });
  const stalled = latest && Date.now() - latest.updatedAt.getTime() > STALLED_AFTER_MS;
  if (latest && (latest.status === "RUNNING" || latest.status === "WAITING_BULK") && !stalled) return latest.id;
  if (latest && (latest.status === "FAILED" || latest.status === "RUNNING" || latest.status === "WAITING_BULK")) {
    await scheduleCatalogCheck(shopId, STALLED_AFTER_MS);
    await run(() => resumeCatalogSync(latest.id));
    return latest.id;
  }

  await syncLocations(shopId);
  const locations = await prisma.location.count({ where: { shopId } });
  const { productVariantsCount } = await adminGraphql<{ productVariantsCount: { count: number } }>(
    shopId,
    VARIANT_COUNT_QUERY,
  );
  const total = productVariantsCount.count;
  const mode = total > BULK_THRESHOLD || locations > PAGED_LEVELS_PER_VARIANT ? "BULK" : "PAGED";
  const sync = await prisma.catalogSync.create({
    data: { shopId, kind, mode, totalVariants: total },
    select: { id: true },
  });
  await scheduleCatalogCheck(shopId, mode === "BULK" ? BULK_POLL_AFTER_MS : STALLED_AFTER_MS);
  if (mode === "BULK") {
    try {
      await startBulkQuery(sync.id, shopId);
    } catch (error) {
      await prisma.catalogSync.update({
        where: { id: sync.id },
        data: { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : "sync failed" },
      });
      throw error;
    }
  } else {
    await run(() => continuePagedSync(sync.id));
  }
  return sync.id;
}

/** Picks a failed or stalled sync up where it stopped. */
async function resumeCatalogSync(syncId: string): Promise<void> {
  const sync = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
  if (sync.mode === "PAGED") return continuePagedSync(syncId);
  if (sync.bulkOperationId) {
    // The same result file, if Shopify still has it: continue after the variants already written.
    await prisma.catalogSync.update({ where: { id: syncId }, data: { status: "WAITING_BULK" } });
    const outcome = await resumeBulkSync(syncId);
    if (outcome !== "failed") return;
  }
  await startBulkQuery(syncId, sync.shopId);
}
