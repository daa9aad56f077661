import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getBackInStockSettings } from "@/lib/restock/get-back-in-stock-settings";
import { countWaitlist } from "./count-waitlist";

export type WaitlistFilter = { q?: string; status?: "waiting" | "notified" | "purchased" | "all" };

export type WaitlistVariantRow = {
  variantId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  available: number;
  inStock: boolean;
  waiting: number;
  notified: number;
  purchased: number;
  total: number;
  oldestWaitingAt: string | null;
  channels: string[];
  /** Waiting customers whose number replied STOP to the shop's built-in SMS: they are not texted. */
  optedOut: number;
};

/** The Current waitlist report: one row per variant with signups, by status, oldest first within a search. */
export async function listWaitlist(shopId: string, filter: WaitlistFilter = {}): Promise<WaitlistVariantRow[]> {
  const q = filter.q?.trim().slice(0, 100);
  const variantWhere: Prisma.VariantWhereInput = q
    ? {
        OR: [
          { title: { contains: q, mode: "insensitive" } },
          { sku: { contains: q, mode: "insensitive" } },
          { product: { title: { contains: q, mode: "insensitive" } } },
        ],
      }
    : {};
  const [counts, settings] = await Promise.all([countWaitlist(shopId), getBackInStockSettings(shopId)]);
  const groups = counts.filter((c) => c.status !== "REMOVED");
  const variantIds = [...new Set(groups.map((g) => g.variantId))];
  const waitingIds = [...new Set(groups.filter((g) => g.status === "WAITING").map((g) => g.variantId))];
  const [variants, oldest, optedOut] = await Promise.all([
    prisma.variant.findMany({
      where: { ...variantWhere, shopId, id: { in: variantIds } },
      include: { product: { select: { title: true } } },
    }),
    // One probe per variant of the (shopId, variantId, status, createdAt) index: its first waiting signup.
    waitingIds.length
      ? prisma.$queryRaw<{ variantId: string; oldest: Date | null }[]>`
          SELECT v."variantId",
                 (SELECT min(e."createdAt") FROM "WaitlistEntry" e
                   WHERE e."shopId" = ${shopId} AND e."variantId" = v."variantId" AND e.status = 'WAITING') AS oldest
            FROM unnest(${waitingIds}::text[]) AS v("variantId")`
      : [],
    // Opt-outs are per shop and number; counted against each variant's waiting entries.
    waitingIds.length
      ? prisma.$queryRaw<{ variantId: string; n: bigint }[]>`
          SELECT e."variantId", count(*) AS n FROM "WaitlistEntry" e
            JOIN "SmsOptOut" o ON o."shopId" = e."shopId" AND o.phone = e.phone AND o."optedInAt" IS NULL
           WHERE e."shopId" = ${shopId} AND e.status = 'WAITING'
           GROUP BY e."variantId"`
      : [],
  ]);
  const rows = new Map<string, WaitlistVariantRow>();
  for (const v of variants) {
    rows.set(v.id, {
      variantId: v.id,
      productTitle: v.product.title,
      variantTitle: v.title,
      sku: v.sku,
      available: v.available,
      inStock: v.available > settings.threshold,
      waiting: 0,
      notified: 0,
      purchased: 0,
      total: 0,
      oldestWaitingAt: null,
      channels: [],
      optedOut: 0,
    });
  }
  for (const o of optedOut) {
    const row = rows.get(o.variantId);
    if (row) row.optedOut = Number(o.n);
  }
  for (const o of oldest) {
    const row = rows.get(o.variantId);
    if (row) row.oldestWaitingAt = o.oldest?.toISOString() ?? null;
  }
  for (const g of groups) {
    const row = rows.get(g.variantId);
    if (!row) continue;
    const count = g.count;
    row.total += count;
    if (g.status === "WAITING") row.waiting += count;
    if (g.status === "NOTIFIED") row.notified += count;
    if (g.status === "PURCHASED") row.purchased += count;
    if (!row.channels.includes(g.channel)) row.channels.push(g.channel);
  }
  const status = filter.status ?? "all";
  return [...rows.values()]
    .filter(
      (r) =>
        status === "all" || (status === "waiting" ? r.waiting : status === "notified" ? r.notified : r.purchased) > 0,
    )
    .sort(
      (a, b) =>
        b.waiting - a.waiting ||
        (a.oldestWaitingAt ?? "").localeCompare(b.oldestWaitingAt ?? "") ||
        a.productTitle.localeCompare(b.productTitle),
    );
}
