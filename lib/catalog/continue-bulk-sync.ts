import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyCatalogRows } from "./apply-catalog-rows";
import { finishCatalogSync } from "./finish-catalog-sync";
import { parseShopifyVariant, type CatalogRow } from "./parse-shopify-variant";
import { readFixes } from "./read-fixes";
import { sellingLocationIds } from "./selling-locations";

/** Variants written per batch (and progress step) while reading a bulk result. */
export const BULK_BATCH = 500;

type Line = Record<string, unknown> & { id?: string; __parentId?: string; inventoryItem?: { id?: string } };

/**
 * Reads a bulk query's JSONL (streamed: a large catalog never sits in memory whole) as variants with their levels:
 * a line without `__parentId` is a variant, the lines after it naming it (or its inventory item) as parent are its
 * levels.
 */
async function* variantsOf(url: string): AsyncGenerator<CatalogRow> {
  const res = await fetch(url).catch(() => null);
  if (!res?.ok || !res.body)
    throw new AppError(
      "UPSTREAM",
      `Shopify's bulk result could not be downloaded (${res ? `HTTP ${res.status}` : "no answer"}).`,
    );
  const lines = createInterface({ input: Readable.fromWeb(res.body as WebReadableStream), crlfDelay: Infinity });
  let current: { node: Line; levels: Line[] } | null = null;
  for await (const text of lines) {
    if (!text.trim()) continue;
    const line = JSON.parse(text) as Line;
    if (!line.__parentId) {
      if (current) yield parseShopifyVariant(current.node, current.levels);
      current = { node: line, levels: [] };
    } else if (current && (line.__parentId === current.node.id || line.__parentId === current.node.inventoryItem?.id)) {
      current.levels.push(line);
    }
  }
  if (current) yield parseShopifyVariant(current.node, current.levels);
}

/**
 * Applies a finished bulk query's result to the catalog in batches, skipping the variants an earlier attempt of
 * this sync already wrote (its progress), and saving progress after each batch. A failure marks the sync FAILED
 * with the reason and is rethrown.
 */
export async function continueBulkSync(syncId: string, url: string): Promise<void> {
  const sync = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
  const selling = await sellingLocationIds(sync.shopId);
  const fixes = readFixes(sync.fixes);
  let seen = 0;
  let synced = sync.syncedVariants;
  let batch: CatalogRow[] = [];
  const flush = async () => {
    await applyCatalogRows(sync.shopId, batch, selling, sync.startedAt, fixes);
    synced += batch.length;
    batch = [];
    await prisma.catalogSync.update({
      where: { id: syncId },
      data: { syncedVariants: synced, fixes: fixes as unknown as Prisma.InputJsonObject },
    });
  };
  try {
    for await (const row of variantsOf(url)) {
      if (seen++ < sync.syncedVariants) continue;
      batch.push(row);
      if (batch.length >= BULK_BATCH) await flush();
    }
    await flush();
    await prisma.catalogSync.update({ where: { id: syncId }, data: { totalVariants: synced } });
  } catch (error) {
    await prisma.catalogSync.update({
      where: { id: syncId },
      data: { status: "FAILED", error: error instanceof Error ? error.message.slice(0, 500) : "sync failed" },
    });
    throw error;
  }
  await finishCatalogSync(syncId, fixes);
}
