import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT, BACK_IN_STOCK_REMINDER, PREORDER_CONFIRMED } from "@/lib/deliveries/event-types";
import { REPORT_METRICS as M } from "./report-metrics";
import type { ReportRange } from "./report-range";
import { reportsUpdatedAt } from "./roll-up-reports";

/** The statuses a send is reported under; PENDING, SENDING and RETRYING are "queued". */
export const SEND_STATUSES = ["delivered", "unconfirmed", "failed", "skipped", "queued"] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];
const sendStatus = (status: string): SendStatus =>
  status === "DELIVERED"
    ? "delivered"
    : status === "UNCONFIRMED"
      ? "unconfirmed"
      : status === "FAILED"
        ? "failed"
        : status === "SKIPPED"
          ? "skipped"
          : "queued";

const SEND_LABELS: Record<string, string> = {
  [BACK_IN_STOCK_ALERT]: "Back-in-stock alerts",
  [BACK_IN_STOCK_REMINDER]: "Reminders",
  [PREORDER_CONFIRMED]: "Preorder confirmations",
};
const MOST_WANTED_LIMIT = 20;
// The figures drawn per day; the rest are only shown as range totals.
const DAILY_METRICS = new Set<string>([
  M.signup,
  M.send,
  M.click,
  M.conversion,
  M.recoveredOrder,
  M.editStarted,
  M.editSaved,
  M.editAbandoned,
]);

// One row of the single ReportDay read: `day` set for a day total (the charts), null for a range total per key
// (the tables).
type ReportSum = { day: string | null; metric: string; key: string; count: number; amount: string; minutes: number };

type SendCounts = Record<SendStatus, number>;
const noSends = (): SendCounts => ({ delivered: 0, unconfirmed: 0, failed: 0, skipped: 0, queued: 0 });
const money = (cents: number) => Math.round(cents) / 100;
const cents = (amount: unknown) => Math.round(Number(amount) * 100);
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export type ShopReport = Awaited<ReturnType<typeof getShopReport>>;

/**
 * Everything the Reports page shows for one shop and range, read from the rollup only: the range's ReportDay rows
 * and the waiting counts (ReportWaiting) for "most wanted while sold out". Numbers only: no customer's phone,
 * email or name.
 */
export async function getShopReport(shopId: string, range: ReportRange) {
  const from = new Date(`${range.from}T00:00:00Z`);
  const to = new Date(`${range.to}T00:00:00Z`);
  const [shop, sums, waitingByVariant, updatedAt] = await Promise.all([
    prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true, timeZone: true } }),
    // Summed in the database in one pass over the range's rows (a big shop has a row per variant and day for several
    // figures): day totals for the charts (sends by status) and range totals per key for the tables.
    prisma.$queryRaw<ReportSum[]>`
      SELECT CASE WHEN grouping(day) = 0 THEN to_char(day, 'YYYY-MM-DD') END AS day, metric,
             CASE WHEN grouping(day) = 0 THEN status ELSE key END AS key,
             sum(count)::int AS count, sum(amount)::text AS amount, sum(minutes)::float8 AS minutes
        FROM (SELECT *, CASE WHEN metric = ${M.send} THEN split_part(key, '|', 2) ELSE '' END AS status
                FROM "ReportDay"
               WHERE "shopId" = ${shopId} AND day >= ${from}::date AND day <= ${to}::date) r
       GROUP BY GROUPING SETS ((day, metric, status), (metric, key))`,
    // Customers waiting now per variant, as the rollup last counted them: one row per variant, whatever the waitlist's size.
    prisma.$queryRaw<{ variantId: string; waiting: number; soldOut: boolean }[]>`
      SELECT r."variantId", r.waiting, v.available <= 0 AS "soldOut"
        FROM "ReportWaiting" r JOIN "Variant" v ON v.id = r."variantId"
       WHERE r."shopId" = ${shopId}`,
    reportsUpdatedAt(),
  ]);
  const waitingTotal = waitingByVariant.reduce((n, w) => n + w.waiting, 0);
  const waiting = waitingByVariant
    .filter((w) => w.soldOut)
    .sort((a, b) => b.waiting - a.waiting || a.variantId.localeCompare(b.variantId))
    .slice(0, MOST_WANTED_LIMIT);

  const daily = sums.filter((r) => r.day !== null && DAILY_METRICS.has(r.metric));
  const totals = sums.filter((r) => r.day === null);
  const variantIds = new Set<string>(waiting.map((w) => w.variantId));
  for (const row of totals)
    if ([M.click, M.conversion, M.preorder, M.alerted].includes(row.metric as never)) variantIds.add(row.key);
  const strategyIds = new Set(
    totals.filter((r) => r.metric === M.upsellShown || r.metric === M.upsellAccepted).map((r) => r.key),
  );
  const [variants, strategies] = await Promise.all([
    prisma.variant.findMany({
      where: { shopId, id: { in: [...variantIds] } },
      select: { id: true, title: true, price: true, product: { select: { title: true } } },
    }),
    prisma.upsellStrategy.findMany({
      where: { shopId, id: { in: [...strategyIds] } },
      select: { id: true, name: true },
    }),
  ]);
  const variantById = new Map(variants.map((v) => [v.id, v]));
  const label = (variantId: string) => {
    const v = variantById.get(variantId);
    if (!v) return { product: "Deleted product", variant: "" };
    return { product: v.product.title, variant: v.title === "Default Title" ? "" : v.title };
  };

  const dayIndex = new Map(range.days.map((d, i) => [d, i]));
  const perDay = <T>(make: () => T) => range.days.map((day) => ({ day, ...make() }));
  const signupsByDay = perDay(() => ({ signups: 0 }));
  const sendsByDay = perDay(noSends);
  const clicksByDay = perDay(() => ({ clicks: 0 }));
  const recoveredByDay = perDay(() => ({ orders: 0, revenue: 0 }));
  const editsByDay = perDay(() => ({ started: 0, saved: 0, abandoned: 0 }));
  const sources = new Map<string, number>();
  const skipReasons = new Map<string, number>();
  const sendsByType = new Map<string, SendCounts>();
  type ProductRow = { alerted: number; clicks: number; orders: number; revenueCents: number; minutes: number };
  const byVariant = new Map<string, ProductRow>();
  const variantRow = (id: string) =>
    byVariant.get(id) ?? byVariant.set(id, { alerted: 0, clicks: 0, orders: 0, revenueCents: 0, minutes: 0 }).get(id)!;
  const preorders = new Map<string, { orders: number; units: number; revenueCents: number }>();
  const preorderRow = (id: string) =>
    preorders.get(id) ?? preorders.set(id, { orders: 0, units: 0, revenueCents: 0 }).get(id)!;
  const changes = new Map<string, number>();
  const upsells = new Map<string, { shown: number; accepted: number; revenueCents: number }>();
  const upsellRow = (id: string) =>
    upsells.get(id) ?? upsells.set(id, { shown: 0, accepted: 0, revenueCents: 0 }).get(id)!;
  let recoveredOrders = 0;
  let recoveredCents = 0;

  for (const row of daily) {
    const i = dayIndex.get(row.day!);
    if (i === undefined) continue;
    switch (row.metric) {
      case M.signup:
        signupsByDay[i]!.signups += row.count;
        break;
      case M.send:
        sendsByDay[i]![sendStatus(row.key)] += row.count;
        break;
      case M.click:
        clicksByDay[i]!.clicks += row.count;
        break;
      case M.conversion:
        recoveredByDay[i]!.revenue = money(cents(recoveredByDay[i]!.revenue) + cents(row.amount));
        break;
      case M.recoveredOrder:
        recoveredByDay[i]!.orders += row.count;
        break;
      case M.editStarted:
        editsByDay[i]!.started += row.count;
        break;
      case M.editSaved:
        editsByDay[i]!.saved += row.count;
        break;
      case M.editAbandoned:
        editsByDay[i]!.abandoned += row.count;
        break;
    }
  }

  for (const row of totals) {
    switch (row.metric) {
      case M.signup:
        sources.set(row.key || "unknown", (sources.get(row.key || "unknown") ?? 0) + row.count);
        break;
      case M.send: {
        const [eventType = "", status = "", ...reason] = row.key.split("|");
        const s = sendStatus(status);
        const byType = sendsByType.get(eventType) ?? sendsByType.set(eventType, noSends()).get(eventType)!;
        byType[s] += row.count;
        if (s === "skipped") {
          const why = reason.join("|") || "no reason recorded";
          skipReasons.set(why, (skipReasons.get(why) ?? 0) + row.count);
        }
        break;
      }
      case M.alerted:
        variantRow(row.key).alerted += row.count;
        break;
      case M.click:
        variantRow(row.key).clicks += row.count;
        break;
      case M.conversion: {
        const r = variantRow(row.key);
        r.orders += row.count;
        r.revenueCents += cents(row.amount);
        r.minutes += row.minutes;
        recoveredCents += cents(row.amount);
        break;
      }
      case M.recoveredOrder:
        recoveredOrders += row.count;
        break;
      case M.preorder: {
        const p = preorderRow(row.key);
        p.orders += row.count;
        p.revenueCents += cents(row.amount);
        break;
      }
      case M.preorderUnits:
        preorderRow(row.key).units += row.count;
        break;
      case M.editChange:
        changes.set(row.key, (changes.get(row.key) ?? 0) + row.count);
        break;
      case M.upsellShown:
        upsellRow(row.key).shown += row.count;
        break;
      case M.upsellAccepted: {
        const u = upsellRow(row.key);
        u.accepted += row.count;
        u.revenueCents += cents(row.amount);
        break;
      }
    }
  }

  const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const sendTotals = SEND_STATUSES.reduce((acc, s) => ({ ...acc, [s]: sum(sendsByDay, (d) => d[s]) }), noSends());
  const edits = {
    started: sum(editsByDay, (d) => d.started),
    saved: sum(editsByDay, (d) => d.saved),
    abandoned: sum(editsByDay, (d) => d.abandoned),
  };
  const conversionMinutes = sum([...byVariant.values()], (r) => r.minutes);
  const conversionLines = sum([...byVariant.values()], (r) => r.orders);
  const totalAlerted = sum([...byVariant.values()], (r) => r.alerted);
  const byName = (a: { product: string; variant: string }, b: { product: string; variant: string }) =>
    a.product.localeCompare(b.product) || a.variant.localeCompare(b.variant);

  return {
    currency: shop.currency,
    timeZone: shop.timeZone,
    range: { preset: range.preset, from: range.from, to: range.to },
    updatedAt: updatedAt?.toISOString() ?? null,
    demand: {
      signupsByDay,
      totalSignups: sum(signupsByDay, (d) => d.signups),
      waitingTotal,
      sources: [...sources].map(([channel, signups]) => ({ channel, signups })).sort((a, b) => b.signups - a.signups),
      mostWanted: waiting.map((w) => {
        const price = Number(variantById.get(w.variantId)?.price ?? 0);
        return {
          variantId: w.variantId,
          ...label(w.variantId),
          waiting: w.waiting,
          price,
          revenueWaiting: money(cents(price) * w.waiting),
        };
      }),
    },
    sends: {
      byDay: sendsByDay,
      totals: sendTotals,
      byType: [...sendsByType].map(([eventType, counts]) => ({
        eventType,
        label: SEND_LABELS[eventType] ?? eventType,
        ...counts,
      })),
      skipReasons: [...skipReasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
    clicks: { byDay: clicksByDay, total: sum(clicksByDay, (d) => d.clicks) },
    conversions: {
      byDay: recoveredByDay,
      orders: recoveredOrders,
      revenue: money(recoveredCents),
      rate: rate(conversionLines, totalAlerted),
      averageMinutesToOrder: conversionLines > 0 ? Math.round(conversionMinutes / conversionLines) : null,
      byProduct: [...byVariant]
        .map(([variantId, r]) => ({
          variantId,
          ...label(variantId),
          alerted: r.alerted,
          clicks: r.clicks,
          orders: r.orders,
          revenue: money(r.revenueCents),
          rate: rate(r.orders, r.alerted),
          averageMinutesToOrder: r.orders > 0 ? Math.round(r.minutes / r.orders) : null,
        }))
        .sort((a, b) => b.revenue - a.revenue || byName(a, b)),
    },
    preorders: {
      byVariant: [...preorders]
        .map(([variantId, p]) => ({
          variantId,
          ...label(variantId),
          orders: p.orders,
          units: p.units,
          revenue: money(p.revenueCents),
        }))
        .sort((a, b) => b.revenue - a.revenue || byName(a, b)),
      confirmationsSent: sendsByType.get(PREORDER_CONFIRMED)?.delivered ?? 0,
    },
    editing: {
      byDay: editsByDay,
      ...edits,
      abandonRate: rate(edits.abandoned, edits.saved + edits.abandoned),
      changes: ["quantities", "additions", "removals", "address"].map((kind) => ({
        kind,
        count: changes.get(kind) ?? 0,
      })),
      upsells: [...upsells]
        .map(([strategyId, u]) => ({
          strategyId,
          strategy: strategies.find((s) => s.id === strategyId)?.name ?? "Deleted strategy",
          shown: u.shown,
          accepted: u.accepted,
          rate: rate(u.accepted, u.shown),
          revenue: money(u.revenueCents),
        }))
        .sort((a, b) => b.revenue - a.revenue),
      ticketsAvoided: edits.saved,
    },
  };
}
