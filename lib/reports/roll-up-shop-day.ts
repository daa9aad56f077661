import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT, UPSELL_OFFERS_AVAILABLE, UPSELL_RECOMMENDATIONS } from "@/lib/deliveries/event-types";
import { Prisma } from "@/lib/generated/prisma/client";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import { REPORT_METRICS as M, REPORTED_SEND_TYPES } from "./report-metrics";

type Tx = Prisma.TransactionClient;
type Row = { metric: string; key: string; count: number; amount: string; minutes: bigint | number };

const lineName = (title: string, variantTitle: string | null) =>
  variantTitle && variantTitle !== "Default Title" ? `${title} (${variantTitle})` : title;

/**
 * Saved edits of the day that added items after an upsell was shown (for the edit, or for its order on the Order
 * Status page), per strategy, with the added items' revenue at the price they were added at.
 */
async function upsellAccepted(tx: Tx, shopId: string, lo: Date, hi: Date): Promise<Row[]> {
  const edits = await tx.orderEdit.findMany({
    where: { shopId, status: "SAVED", savedAt: { gte: lo, lt: hi } },
    select: { id: true, orderId: true, changes: true, order: { select: { lineItems: true } } },
  });
  const adding = edits.filter(
    (e) =>
      Array.isArray((e.changes as { added?: unknown } | null)?.added) &&
      (e.changes as { added: unknown[] }).added.length > 0,
  );
  if (adding.length === 0) return [];
  const shown = await tx.delivery.findMany({
    where: {
      orderId: { in: adding.map((e) => e.orderId) },
      eventType: { in: [UPSELL_RECOMMENDATIONS, UPSELL_OFFERS_AVAILABLE] },
      upsellStrategyId: { not: null },
    },
    select: { orderId: true, orderEditId: true, eventType: true, upsellStrategyId: true },
  });
  const byStrategy = new Map<string, { count: number; cents: number }>();
  for (const edit of adding) {
    const offer =
      shown.find((d) => d.eventType === UPSELL_RECOMMENDATIONS && d.orderEditId === edit.id) ??
      shown.find((d) => d.eventType === UPSELL_OFFERS_AVAILABLE && d.orderId === edit.orderId);
    if (!offer?.upsellStrategyId) continue;
    // Added lines are the ones Shopify never numbered; their price is the offer's, set on the server at save.
    const addedLines = readOrderLineItems(edit.order.lineItems).filter((l) => !l.shopifyLineItemId);
    let cents = 0;
    for (const added of (edit.changes as { added: { title: string; quantity: number }[] }).added) {
      const line = addedLines.find((l) => lineName(l.title, l.variantTitle) === added.title);
      if (line) cents += Math.round(Number(line.price ?? 0) * 100) * added.quantity;
    }
    const sum = byStrategy.get(offer.upsellStrategyId) ?? { count: 0, cents: 0 };
    sum.count += 1;
    sum.cents += cents;
    byStrategy.set(offer.upsellStrategyId, sum);
  }
  return [...byStrategy].map(([key, s]) => ({
    metric: M.upsellAccepted,
    key,
    count: s.count,
    amount: (s.cents / 100).toFixed(2),
    minutes: 0,
  }));
}

/**
 * Recomputes one shop's figures for one day (`day` is YYYY-MM-DD in the shop's time zone) from the ledger and
 * replaces that day's ReportDay rows, in one transaction: running it again gives the same rows. Sales count net of
 * refunds (ReportRefund) and not at all once cancelled.
 */
export async function rollUpShopDay(shopId: string, timeZone: string, day: string): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      // The day's bounds as stored timestamps (UTC): local midnight to the next local midnight (23 or 25 hours on DST days).
      const [bounds] = await tx.$queryRaw<{ lo: Date; hi: Date }[]>`
      SELECT ((${day}::date)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC' AS lo,
             ((${day}::date + 1)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC' AS hi`;
      const { lo, hi } = bounds!;
      const sendTypes = [...REPORTED_SEND_TYPES];
      // The day's credits net of refunds: a line refunded in full is no longer a sale.
      const rows = await tx.$queryRaw<Row[]>`
      WITH credit AS (
        SELECT a.kind, a."variantId", a."orderId", a."orderedAt", a."alertedAt",
               a.quantity - COALESCE(r.quantity, 0) AS quantity, GREATEST(a.revenue - COALESCE(r.revenue, 0), 0) AS revenue
          FROM "ReportAttribution" a
          CROSS JOIN LATERAL (SELECT sum(quantity)::int AS quantity, sum(revenue) AS revenue
                                FROM "ReportRefund" WHERE "orderId" = a."orderId" AND "variantId" = a."variantId") r
         WHERE a."shopId" = ${shopId} AND a."orderedAt" >= ${lo} AND a."orderedAt" < ${hi} AND a."cancelledAt" IS NULL
           AND a.quantity - COALESCE(r.quantity, 0) > 0)
      SELECT ${M.signup} AS metric, channel AS key, count(*)::int AS count, '0' AS amount, 0 AS minutes
        FROM "WaitlistEntry" WHERE "shopId" = ${shopId} AND "createdAt" >= ${lo} AND "createdAt" < ${hi} GROUP BY channel
      UNION ALL
      SELECT ${M.send}, "eventType" || '|' || status || '|' || COALESCE("skipReason", ''), count(*)::int, '0', 0
        FROM "Delivery" WHERE "shopId" = ${shopId} AND "createdAt" >= ${lo} AND "createdAt" < ${hi} AND "eventType" = ANY(${sendTypes})
       GROUP BY "eventType", status, "skipReason"
      UNION ALL
      SELECT ${M.alerted}, r."variantId", count(*)::int, '0', 0
        FROM "Delivery" d JOIN "Restock" r ON r.id = d."restockId"
       WHERE d."shopId" = ${shopId} AND d."createdAt" >= ${lo} AND d."createdAt" < ${hi} AND d."eventType" = ${BACK_IN_STOCK_ALERT} AND d.status = 'DELIVERED'
       GROUP BY r."variantId"
      UNION ALL
      SELECT ${M.click}, "variantId", count(*)::int, '0', 0
        FROM "ReportClick" WHERE "shopId" = ${shopId} AND "createdAt" >= ${lo} AND "createdAt" < ${hi} GROUP BY "variantId"
      UNION ALL
      SELECT CASE kind WHEN 'RESTOCK_ALERT' THEN ${M.conversion} ELSE ${M.preorder} END, "variantId", count(*)::int, sum(revenue)::text,
             COALESCE(sum(EXTRACT(EPOCH FROM ("orderedAt" - "alertedAt")) / 60), 0)::bigint
        FROM credit GROUP BY kind, "variantId"
      UNION ALL
      SELECT ${M.preorderUnits}, "variantId", sum(quantity)::int, '0', 0 FROM credit WHERE kind = 'PREORDER' GROUP BY "variantId"
      UNION ALL
      SELECT ${M.recoveredOrder}, '', count(DISTINCT "orderId")::int, '0', 0 FROM credit WHERE kind = 'RESTOCK_ALERT'
      HAVING count(*) > 0
      UNION ALL
      SELECT ${M.editStarted}, '', count(*)::int, '0', 0 FROM "OrderEdit" WHERE "shopId" = ${shopId} AND "startedAt" >= ${lo} AND "startedAt" < ${hi} HAVING count(*) > 0
      UNION ALL
      SELECT ${M.editSaved}, '', count(*)::int, '0', 0 FROM "OrderEdit"
       WHERE "shopId" = ${shopId} AND status = 'SAVED' AND "savedAt" >= ${lo} AND "savedAt" < ${hi} HAVING count(*) > 0
      UNION ALL
      SELECT ${M.editAbandoned}, '', count(*)::int, '0', 0 FROM "OrderEdit"
       WHERE "shopId" = ${shopId} AND status = 'ABANDONED' AND "abandonedAt" >= ${lo} AND "abandonedAt" < ${hi} HAVING count(*) > 0
      UNION ALL
      SELECT ${M.editChange}, c.kind, count(*)::int, '0', 0
        FROM "OrderEdit" e
        CROSS JOIN LATERAL (VALUES
          ('quantities', jsonb_array_length(COALESCE(e.changes->'quantityChanges', '[]'::jsonb)) > 0),
          ('additions', jsonb_array_length(COALESCE(e.changes->'added', '[]'::jsonb)) > 0),
          ('removals', jsonb_array_length(COALESCE(e.changes->'removed', '[]'::jsonb)) > 0),
          ('address', COALESCE((e.changes->>'addressChanged')::boolean, false))) AS c(kind, changed)
       WHERE e."shopId" = ${shopId} AND e.status = 'SAVED' AND e."savedAt" >= ${lo} AND e."savedAt" < ${hi} AND c.changed
       GROUP BY c.kind
      UNION ALL
      SELECT ${M.upsellShown}, "upsellStrategyId", count(DISTINCT COALESCE("orderEditId", "orderId"))::int, '0', 0
        FROM "Delivery"
       WHERE "shopId" = ${shopId} AND "createdAt" >= ${lo} AND "createdAt" < ${hi}
         AND "eventType" IN (${UPSELL_RECOMMENDATIONS}, ${UPSELL_OFFERS_AVAILABLE}) AND "upsellStrategyId" IS NOT NULL
       GROUP BY "upsellStrategyId"`;
      const all = [...rows, ...(await upsellAccepted(tx, shopId, lo, hi))];
      await tx.$executeRaw`DELETE FROM "ReportDay" WHERE "shopId" = ${shopId} AND day = ${day}::date`;
      if (all.length > 0) {
        await tx.reportDay.createMany({
          data: all.map((r) => ({
            shopId,
            day: new Date(`${day}T00:00:00Z`),
            metric: r.metric,
            key: r.key ?? "",
            count: r.count,
            amount: r.amount,
            minutes: BigInt(r.minutes),
          })),
        });
      }
      return all.length;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
