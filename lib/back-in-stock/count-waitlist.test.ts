import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createVariant, createWaitlistEntry } from "@/lib/testing/catalog-fixtures";
import { createShop } from "@/lib/testing/fixtures";
import { compactWaitlistCounts } from "./compact-waitlist-counts";
import { countWaitlist } from "./count-waitlist";

/** The truth the kept counts must equal: a group-by over the waitlist itself. */
async function groupByWaitlist(shopId: string) {
  const groups = await prisma.waitlistEntry.groupBy({
    by: ["variantId", "status", "channel", "postscriptSync"],
    where: { shopId },
    _count: { _all: true },
  });
  return groups.map((g) => `${g.variantId} ${g.status} ${g.channel} ${g.postscriptSync} ${g._count._all}`).sort();
}

async function kept(shopId: string) {
  return (await countWaitlist(shopId))
    .map((c) => `${c.variantId} ${c.status} ${c.channel} ${c.postscriptSync} ${c.count}`)
    .sort();
}

class RolledBack extends Error {}

describe("the waitlist's kept counts", () => {
  it("equal a group-by of the waitlist after concurrent signups, syncs, alerts, rollbacks, deletes and folds", async () => {
    const shop = await createShop();
    const other = await createShop();
    const variants = await Promise.all([1, 2, 3].map(() => createVariant(shop.id)));
    const otherVariant = await createVariant(other.id);
    await createWaitlistEntry(other.id, otherVariant.id);

    const phone = (i: number) => `+1555${String(1_000_000 + i)}`;
    const signUp = (i: number) =>
      prisma.waitlistEntry.create({
        data: {
          shopId: shop.id,
          variantId: variants[i % 3]!.id,
          customerKey: phone(i),
          phone: phone(i),
          channel: i % 4 ? "storefront" : "manual",
          postscriptSync: "PENDING",
        },
      });
    // Signups, a third of them in transactions that roll back after writing, all at once.
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 2
          ? prisma
              .$transaction(async (tx) => {
                await tx.waitlistEntry.create({
                  data: { shopId: shop.id, variantId: variants[0]!.id, customerKey: `gone${i}`, phone: `+1666${i}` },
                });
                throw new RolledBack();
              })
              .catch((error: unknown) => {
                if (!(error instanceof RolledBack)) throw error;
              })
          : signUp(i),
      ),
    );
    // Syncs one by one, an alert for a whole variant in one statement, purchases, and folds, all concurrently
    // (the multi-row updates on disjoint rows: overlapping ones could deadlock on the entries themselves).
    const entries = await prisma.waitlistEntry.findMany({ where: { shopId: shop.id }, select: { id: true } });
    await Promise.all([
      ...entries.map((e, i) =>
        prisma.waitlistEntry.update({ where: { id: e.id }, data: { postscriptSync: i % 5 ? "SYNCED" : "FAILED" } }),
      ),
      prisma.$executeRaw`UPDATE "WaitlistEntry" SET status = 'NOTIFIED' WHERE "variantId" = ${variants[1]!.id}`,
      prisma.waitlistEntry.updateMany({
        where: { variantId: variants[2]!.id, channel: "manual" },
        data: { status: "PURCHASED" },
      }),
      compactWaitlistCounts(shop.id),
      compactWaitlistCounts(shop.id),
    ]);
    // A change that moves no count appends nothing.
    const rows = await prisma.waitlistCount.count({ where: { shopId: shop.id } });
    await prisma.waitlistEntry.updateMany({ where: { shopId: shop.id }, data: { name: "Sam" } });
    expect(await prisma.waitlistCount.count({ where: { shopId: shop.id } })).toBe(rows);
    expect(await kept(shop.id)).toEqual(await groupByWaitlist(shop.id));

    // A deleted variant takes its signups (a cascade) and their counts with it; folding keeps every sum.
    await prisma.variant.delete({ where: { id: variants[0]!.id } });
    const before = await kept(shop.id);
    expect(before).toEqual(await groupByWaitlist(shop.id));
    expect(before.some((row) => row.startsWith(variants[0]!.id))).toBe(false);
    await compactWaitlistCounts(shop.id);
    expect(await kept(shop.id)).toEqual(before);
    expect(await prisma.waitlistCount.count({ where: { shopId: shop.id } })).toBe(before.length);
    // The other shop's counts were neither read nor folded.
    expect(await kept(other.id)).toEqual(await groupByWaitlist(other.id));
    expect(await kept(other.id)).toHaveLength(1);
  });
});
