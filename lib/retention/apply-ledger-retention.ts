import { prisma } from "@/lib/db/prisma";
import { reportsUpdatedAt, rollupSince } from "@/lib/reports/roll-up-reports";
import { rollUpShopDay } from "@/lib/reports/roll-up-shop-day";
import { safeTimeZone } from "@/lib/reports/safe-time-zone";

/** Months of ledger a shop keeps when it has no LedgerRetention row. */
export const DEFAULT_RETENTION_MONTHS = 13;
/** Rows per DELETE: each batch is its own short statement, so no lock is held for long. */
export const RETENTION_BATCH_SIZE = 5_000;

type DueShop = { id: string; timeZone: string; keptFrom: string; cutoff: Date; previous: string | null };

/**
 * Applies every shop's ledger retention (default 13 months, LedgerRetention.months): deliveries created before the
 * first kept day (shop's time zone) are summarised into ReportDay where the rollup has not seen them yet, their
 * days are marked final (LedgerRetention.keptFrom, which the rollup then leaves alone), and they are deleted in
 * batches of `batchSize`, each its own statement. Deliveries still queued or sending are never deleted. Stops after
 * about `maxRows` deleted rows and says whether more remain, so a caller can spread a large backlog over steps.
 * `shopId` limits a pass to one shop (tests, the benchmark).
 */
export async function applyLedgerRetention(
  options: { now?: Date; batchSize?: number; maxRows?: number; shopId?: string } = {},
): Promise<{ shops: number; summarisedDays: number; deleted: number; more: boolean }> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
  const maxRows = options.maxRows ?? 1_000_000;
  const only = options.shopId ?? null;
  const due = await prisma.$queryRaw<DueShop[]>`
    SELECT x.id, x."timeZone", x."keptFrom", x.previous,
           ((x."keptFrom"::date)::timestamp AT TIME ZONE x."timeZone") AT TIME ZONE 'UTC' AS cutoff
      FROM (SELECT s.id, s."timeZone", r."keptFrom"::text AS previous,
                   ((((${now}::timestamp AT TIME ZONE 'UTC') AT TIME ZONE s."timeZone")::date
                     - make_interval(months => COALESCE(r.months, ${DEFAULT_RETENTION_MONTHS}::int)))::date)::text AS "keptFrom"
              FROM "Shop" s LEFT JOIN "LedgerRetention" r ON r."shopId" = s.id
             WHERE ${only}::text IS NULL OR s.id = ${only}) x
     WHERE EXISTS (
       SELECT 1 FROM "Delivery" d
        WHERE d."shopId" = x.id
          AND d."createdAt" < ((x."keptFrom"::date)::timestamp AT TIME ZONE x."timeZone") AT TIME ZONE 'UTC'
          AND d.status NOT IN ('PENDING', 'SENDING', 'RETRYING'))
     ORDER BY x.id`;

  const seenBefore = rollupSince(await reportsUpdatedAt());
  let summarisedDays = 0;
  let deleted = 0;
  let shops = 0;
  for (const shop of due) {
    if (deleted >= maxRows) return { shops, summarisedDays, deleted, more: true };
    shops++;
    const timeZone = safeTimeZone(shop.timeZone);
    // Rows changed since the rollup's last pass are not in ReportDay yet: their days are recomputed first.
    const unseen = await prisma.$queryRaw<{ day: string }[]>`
      SELECT DISTINCT (((d."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date)::text AS day
        FROM "Delivery" d
       WHERE d."shopId" = ${shop.id} AND d."createdAt" < ${shop.cutoff}::timestamp AND d."updatedAt" > ${seenBefore}::timestamp`;
    for (const { day } of unseen) {
      // Days already final lost rows before: recomputing them from the thinned ledger would undercount.
      if (shop.previous && day < shop.previous) continue;
      await rollUpShopDay(shop.id, timeZone, day);
      summarisedDays++;
    }
    await prisma.$executeRaw`
      INSERT INTO "LedgerRetention" ("shopId", "keptFrom", "updatedAt")
      VALUES (${shop.id}, ${shop.keptFrom}::date, ${now}::timestamp)
      ON CONFLICT ("shopId") DO UPDATE
        SET "keptFrom" = GREATEST("LedgerRetention"."keptFrom", EXCLUDED."keptFrom"), "updatedAt" = EXCLUDED."updatedAt"`;
    // Oldest first from where the last batch ended: later batches never walk the index entries of rows already deleted.
    let from = new Date(0);
    for (;;) {
      const [batch] = await prisma.$queryRaw<{ removed: number; last: Date | null }[]>`
        WITH doomed AS (
          SELECT id FROM "Delivery"
           WHERE "shopId" = ${shop.id} AND "createdAt" >= ${from}::timestamp AND "createdAt" < ${shop.cutoff}::timestamp
             AND status NOT IN ('PENDING', 'SENDING', 'RETRYING')
           ORDER BY "createdAt"
           LIMIT ${batchSize}
             FOR UPDATE SKIP LOCKED
        ), gone AS (
          DELETE FROM "Delivery" d USING doomed WHERE d.id = doomed.id RETURNING d."createdAt"
        )
        SELECT count(*)::int AS removed, max("createdAt") AS last FROM gone`;
      const removed = batch?.removed ?? 0;
      deleted += removed;
      if (removed < batchSize) break;
      from = batch!.last!;
      if (deleted >= maxRows) return { shops, summarisedDays, deleted, more: true };
    }
    await prisma.ledgerRetention.update({ where: { shopId: shop.id }, data: { purgedAt: now } });
  }
  return { shops, summarisedDays, deleted, more: false };
}
