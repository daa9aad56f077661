import { compactWaitlistCounts } from "@/lib/back-in-stock/compact-waitlist-counts";
import { prisma } from "@/lib/db/prisma";
import { rollUpShopDay } from "./roll-up-shop-day";
import { rollUpWaiting } from "./roll-up-waiting";
import { safeTimeZone } from "./safe-time-zone";

const SOURCE = "ledger";
/**
 * Each run reads again the changes of the last minutes before its watermark: a transaction that began earlier
 * (a long restock plan stamps its rows when it starts) may commit after the previous run. Recomputing a day is
 * idempotent, so reading a change twice costs time, never correctness.
 */
const ROLLUP_OVERLAP_MS = 10 * 60_000;

/** Where a run starts reading changes, given the previous run's watermark (none yet: from the beginning). */
export function rollupSince(watermark: Date | null): Date {
  return new Date((watermark?.getTime() ?? 0) - ROLLUP_OVERLAP_MS);
}

type Touched = { shopId: string; timeZone: string; day: string };

/**
 * The incremental report rollup (within a minute of a change, and every 15 minutes): finds the (shop, day)
 * buckets — days in the shop's time zone — touched by ledger changes since the last run's watermark (deliveries,
 * signups, clicks, attributions, order edits; orders cancelled since are first copied onto their attributions, and
 * a refund touches the attributions it reduces), recomputes only those days and the waiting counts of shops whose
 * waitlist changed, then moves the watermark to this run's start. Page views only read the result. `shopId` limits
 * a run to one shop (tests, the benchmark) without moving the shared watermark.
 * Days before a shop's retention horizon (LedgerRetention.keptFrom, lib/retention) are final: their ledger rows
 * are gone, so they are never recomputed.
 */
export async function rollUpReports(
  options: { now?: Date; shopId?: string; since?: Date } = {},
): Promise<{ days: number; rows: number }> {
  const now = options.now ?? new Date();
  const since = options.since ?? rollupSince(options.shopId ? null : await reportsUpdatedAt());
  const shopFilter = options.shopId ?? null;

  // Orders cancelled after they were credited: their attribution stops counting (and its day is touched).
  await prisma.$executeRaw`
    UPDATE "ReportAttribution" a SET "cancelledAt" = o."cancelledAt", "updatedAt" = ${now}
      FROM "Order" o
     WHERE o.id = a."orderId" AND a."cancelledAt" IS NULL AND o."cancelledAt" IS NOT NULL
       AND (${shopFilter}::text IS NULL OR a."shopId" = ${shopFilter})`;

  const local = (column: string) => `((${column} AT TIME ZONE 'UTC') AT TIME ZONE s."timeZone")::date::text`;
  const touched = await prisma.$queryRawUnsafe<Touched[]>(
    `SELECT DISTINCT t."shopId", s."timeZone", t.day FROM (
        SELECT d."shopId", ${local('d."createdAt"')} AS day FROM "Delivery" d JOIN "Shop" s ON s.id = d."shopId" WHERE d."updatedAt" > $1
        UNION SELECT w."shopId", ${local('w."createdAt"')} FROM "WaitlistEntry" w JOIN "Shop" s ON s.id = w."shopId" WHERE w."updatedAt" > $1
        UNION SELECT c."shopId", ${local('c."createdAt"')} FROM "ReportClick" c JOIN "Shop" s ON s.id = c."shopId" WHERE c."createdAt" > $1
        UNION SELECT a."shopId", ${local('a."orderedAt"')} FROM "ReportAttribution" a JOIN "Shop" s ON s.id = a."shopId" WHERE a."updatedAt" > $1
        UNION SELECT e."shopId", ${local('e."startedAt"')} FROM "OrderEdit" e JOIN "Shop" s ON s.id = e."shopId" WHERE e."startedAt" > $1
        UNION SELECT e."shopId", ${local('e."savedAt"')} FROM "OrderEdit" e JOIN "Shop" s ON s.id = e."shopId" WHERE e."savedAt" > $1
        UNION SELECT e."shopId", ${local('e."abandonedAt"')} FROM "OrderEdit" e JOIN "Shop" s ON s.id = e."shopId" WHERE e."abandonedAt" > $1
      ) t JOIN "Shop" s ON s.id = t."shopId"
        LEFT JOIN "LedgerRetention" r ON r."shopId" = t."shopId"
      WHERE ($2::text IS NULL OR t."shopId" = $2)
        AND (r."keptFrom" IS NULL OR t.day >= r."keptFrom"::text)
      ORDER BY t."shopId", t.day`,
    since,
    shopFilter,
  );
  // "Waiting now" is recounted for shops whose waitlist changed, or lost a customer's entries to a privacy
  // redaction (deleted rows leave no updatedAt behind).
  const waitlistShops = await prisma.$queryRaw<{ shopId: string }[]>`
    SELECT DISTINCT "shopId" FROM "WaitlistEntry"
     WHERE "updatedAt" > ${since} AND (${shopFilter}::text IS NULL OR "shopId" = ${shopFilter})
    UNION
    SELECT "shopId" FROM "WebhookEvent"
     WHERE topic = 'customers/redact' AND "processedAt" > ${since} AND "shopId" IS NOT NULL
       AND (${shopFilter}::text IS NULL OR "shopId" = ${shopFilter})`;
  // One shop at a time, its waiting counts before its days: a Reports page read while a long run works through
  // other shops shows the shop's new day figures only beside its new waiting counts.
  const recount = new Set(waitlistShops.map((w) => w.shopId));
  const daysByShop = new Map<string, Touched[]>();
  for (const bucket of touched) {
    const days = daysByShop.get(bucket.shopId);
    if (days) days.push(bucket);
    else daysByShop.set(bucket.shopId, [bucket]);
  }
  let rows = 0;
  for (const shopId of new Set([...recount, ...daysByShop.keys()])) {
    if (recount.has(shopId)) {
      await rollUpWaiting(shopId);
      await compactWaitlistCounts(shopId);
    }
    for (const bucket of daysByShop.get(shopId) ?? [])
      rows += await rollUpShopDay(bucket.shopId, safeTimeZone(bucket.timeZone), bucket.day);
  }
  if (!options.shopId) {
    await prisma.reportRollupState.upsert({
      where: { source: SOURCE },
      create: { source: SOURCE, watermark: now },
      update: { watermark: now },
    });
  }
  return { days: touched.length, rows };
}

/** When the reports were last brought up to date (the rollup's watermark), or null before the first run. */
export async function reportsUpdatedAt(): Promise<Date | null> {
  return (await prisma.reportRollupState.findUnique({ where: { source: SOURCE } }))?.watermark ?? null;
}
