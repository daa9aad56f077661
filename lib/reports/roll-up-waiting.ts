import { prisma } from "@/lib/db/prisma";

/**
 * Recounts one shop's customers waiting now per variant into ReportWaiting (variants with no one waiting lose
 * their row), in one statement so two overlapping runs cannot trip over each other. Returns the variants counted.
 */
export async function rollUpWaiting(shopId: string): Promise<number> {
  return prisma.$executeRaw`
    WITH counts AS (
      SELECT "variantId", count(*)::int AS waiting FROM "WaitlistEntry"
       WHERE "shopId" = ${shopId} AND status = 'WAITING' GROUP BY "variantId"
    ), gone AS (
      DELETE FROM "ReportWaiting" r
       WHERE r."shopId" = ${shopId} AND NOT EXISTS (SELECT 1 FROM counts c WHERE c."variantId" = r."variantId")
    )
    INSERT INTO "ReportWaiting" ("shopId", "variantId", waiting)
    SELECT ${shopId}, "variantId", waiting FROM counts
    ON CONFLICT ("shopId", "variantId") DO UPDATE SET waiting = EXCLUDED.waiting`;
}
