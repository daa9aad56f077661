import { reserveBudget } from "@/lib/budget/reserve-budget";
import { prisma } from "@/lib/db/prisma";

/** Shopify's `extensions.cost` on an Admin GraphQL answer (THROTTLED ones too, with a null actual cost). */
export type ShopifyCost = {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
};

/**
 * The bucket assumed until Shopify first reports the shop's own: the smallest plan's (1,000 points restoring at
 * 50 a second), so a shop on a bigger plan is at worst a little slow until its first answer.
 */
export const ASSUMED_BUCKET = { capacity: 1_000, restorePerSecond: 50 } as const;

type Bucket = { capacity: number; restorePerSecond: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A shop's share of Shopify's Admin API cost bucket (per app and store), in one SendBudget row that every process
 * draws from, so concurrent syncs, order edits, billing and metafield writes queue behind each other instead of
 * being THROTTLED. `spend` waits until the bucket (as far as this app's own calls have emptied it) holds the
 * cost, then reserves it; `settle` gives back what Shopify did not charge and moves the bucket to what Shopify's
 * `throttleStatus` says, whichever is emptier, and records the shop's bucket size and restore rate.
 */
export function shopifyCostBudget(shopId: string) {
  const key = `shopify-cost:${shopId}`;

  async function bucket(): Promise<Bucket> {
    const row = await prisma.sendBudget.findUnique({
      where: { key },
      select: { capacity: true, restorePerSecond: true },
    });
    return row?.capacity && row.restorePerSecond
      ? { capacity: row.capacity, restorePerSecond: row.restorePerSecond }
      : ASSUMED_BUCKET;
  }

  return {
    /** Waits for `cost` points of the shop's bucket and reserves them; returns what was reserved. */
    async spend(cost: number): Promise<number> {
      const { capacity, restorePerSecond } = await bucket();
      // A query bigger than the whole bucket is refused by Shopify (MAX_COST_EXCEEDED): waiting would not help.
      const points = Math.min(cost, capacity);
      const reservation = await reserveBudget(key, {
        costMs: (points / restorePerSecond) * 1000,
        toleranceMs: ((capacity - points) / restorePerSecond) * 1000,
      });
      await sleep(reservation?.waitMs ?? 0);
      return points;
    },

    /** After an answer: `reserved` was spent from the budget; Shopify charged `cost.actualQueryCost` (none if THROTTLED). */
    async settle(reserved: number, cost: ShopifyCost | undefined): Promise<void> {
      const status = cost?.throttleStatus;
      const capacity = status?.maximumAvailable;
      const restorePerSecond = status?.restoreRate;
      if (!capacity || !restorePerSecond || status.currentlyAvailable === undefined) return;
      const refundMs = ((reserved - (cost?.actualQueryCost ?? 0)) / restorePerSecond) * 1000;
      const shopifyFullInMs = (Math.max(0, capacity - status.currentlyAvailable) / restorePerSecond) * 1000;
      await prisma.$executeRaw`
        UPDATE "SendBudget"
           SET "capacity" = ${capacity}, "restorePerSecond" = ${restorePerSecond},
               "nextSlotAt" = GREATEST("nextSlotAt" - make_interval(secs => ${refundMs}::float8 / 1000),
                                       (clock_timestamp() AT TIME ZONE 'UTC')
                                         + make_interval(secs => ${shopifyFullInMs}::float8 / 1000))
         WHERE "key" = ${key}`;
    },
  };
}
