import { prisma } from "@/lib/db/prisma";

/**
 * Folds a shop's WaitlistCount rows into one row per key (none for a key whose sum is 0), so reads sum a few rows
 * per key instead of every change since the last fold. The fold is one statement: the rows it deletes are the rows it sums, and
 * rows appended meanwhile by other transactions are left for the next fold, so the sums never change. Returns the
 * rows left.
 */
export async function compactWaitlistCounts(shopId: string): Promise<number> {
  const [, rows] = await prisma.$transaction([
    // One fold per shop at a time: two deleting the same rows in different orders could deadlock.
    prisma.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`waitlist-count:${shopId}`}, 0))`,
    prisma.$executeRaw`
    WITH gone AS (
      DELETE FROM "WaitlistCount" WHERE "shopId" = ${shopId}
      RETURNING "shopId", "variantId", status, channel, "postscriptSync", n
    )
    INSERT INTO "WaitlistCount" ("shopId", "variantId", status, channel, "postscriptSync", n)
    SELECT "shopId", "variantId", status, channel, "postscriptSync", sum(n) FROM gone
     GROUP BY "shopId", "variantId", status, channel, "postscriptSync" HAVING sum(n) <> 0`,
  ]);
  return rows;
}
