import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_REMINDER } from "@/lib/deliveries/event-types";
import type { DeliveryStatus } from "@/lib/generated/prisma/client";
import { getShopReport } from "./get-shop-report";
import { resolveReportRange } from "./report-range";
import { addAlert, createReportShop, placeOrder } from "./report-test-fixtures";
import { reportsUpdatedAt, rollUpReports, rollupSince } from "./roll-up-reports";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STATUSES: DeliveryStatus[] = [
  "DELIVERED",
  "DELIVERED",
  "DELIVERED",
  "UNCONFIRMED",
  "FAILED",
  "SKIPPED",
  "PENDING",
  "RETRYING",
];
const sendStatus = (s: DeliveryStatus) =>
  s === "PENDING" || s === "RETRYING" || s === "SENDING" ? "queued" : s.toLowerCase();

describe("report rollup", () => {
  it("reports exactly what the ledger (the Activity log) holds, per status, skip reason and day", async () => {
    const { shopId, variant, restock } = await createReportShop("America/New_York");
    const now = new Date();
    for (let i = 0; i < 40; i++) {
      const status = STATUSES[i % STATUSES.length]!;
      await addAlert(shopId, restock.id, {
        phone: `+1415555${String(1000 + i)}`,
        at: new Date(now.getTime() - (i % 5) * DAY - HOUR),
        status,
        skipReason:
          status === "SKIPPED"
            ? Math.floor(i / 8) % 2
              ? "customer has no phone and no email"
              : "opted out"
            : undefined,
      });
    }
    // A reminder in the ledger counts as a send too; an unrelated event type does not.
    await prisma.delivery.create({
      data: {
        shopId,
        provider: "POSTSCRIPT",
        eventType: BACK_IN_STOCK_REMINDER,
        idempotencyKey: `${shopId}:rem:1`,
        status: "DELIVERED",
        deliveredAt: now,
      },
    });
    await prisma.delivery.create({
      data: {
        shopId,
        provider: "POSTSCRIPT",
        eventType: "integration_connected",
        idempotencyKey: `${shopId}:ic:1`,
        status: "DELIVERED",
        deliveredAt: now,
      },
    });
    await placeOrder(shopId, variant, {
      at: new Date(now.getTime() - 10 * 60_000),
      phone: "+14155551000",
      quantity: 1,
    });
    await rollUpReports({ shopId });

    const report = await getShopReport(shopId, resolveReportRange({ range: "7" }, "America/New_York", now));
    const ledger = await prisma.delivery.findMany({
      where: {
        shopId,
        eventType: { in: ["back_in_stock_sms_alert", "back_in_stock_sms_reminder", "preorder_sms_confirmed"] },
      },
      select: { status: true, skipReason: true },
    });
    const expected: Record<string, number> = { delivered: 0, unconfirmed: 0, failed: 0, skipped: 0, queued: 0 };
    for (const row of ledger) expected[sendStatus(row.status)]!++;
    expect(report.sends.totals).toEqual(expected);
    expect(report.sends.totals.delivered).toBe(16);
    expect(report.sends.skipReasons).toEqual(
      [
        {
          reason: "customer has no phone and no email",
          count: ledger.filter((r) => r.skipReason === "customer has no phone and no email").length,
        },
        { reason: "opted out", count: ledger.filter((r) => r.skipReason === "opted out").length },
      ].sort((a, b) => b.count - a.count),
    );
    expect(
      report.sends.byDay.reduce((n, d) => n + d.delivered + d.unconfirmed + d.failed + d.skipped + d.queued, 0),
    ).toBe(ledger.length);
    expect(report.conversions).toMatchObject({ orders: 1, revenue: 89 });
    expect(report.conversions.byProduct[0]).toMatchObject({
      variantId: variant.id,
      orders: 1,
      alerted: 15,
      revenue: 89,
    });
  });

  // Scoped to the test's shop with the watermark passed as `since`: a run over every shop would recompute what the
  // files running beside this one write to the shared database, which took longer than the test's timeout in CI.
  it("recomputes only the days touched since its watermark", async () => {
    const { shopId, restock } = await createReportShop();
    const old = new Date(Date.now() - 3 * DAY);
    const settled = await addAlert(shopId, restock.id, { phone: "+14155552001", at: old });
    // A row last changed days ago, as most of a big shop's ledger is.
    await prisma.$executeRaw`UPDATE "Delivery" SET "updatedAt" = ${old} WHERE id = ${settled.id}`;
    const recent = await addAlert(shopId, restock.id, { phone: "+14155552002", at: new Date(), status: "PENDING" });
    const watermark = new Date();
    await rollUpReports({ shopId, now: watermark });
    const sends = (day: string) =>
      prisma.reportDay.findMany({ where: { shopId, metric: "send", day: new Date(`${day}T00:00:00Z`) } });
    const oldDay = old.toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    expect((await sends(oldDay)).map((r) => r.count)).toEqual([1]);

    // Mark the old day's figure so a recompute would show: an untouched day must keep it.
    await prisma.reportDay.updateMany({
      where: { shopId, metric: "send", day: new Date(`${oldDay}T00:00:00Z`) },
      data: { count: 99 },
    });
    await prisma.delivery.update({ where: { id: recent.id }, data: { status: "DELIVERED", deliveredAt: new Date() } });
    const run = await rollUpReports({ shopId, since: rollupSince(watermark) });
    expect(run.days).toBe(1);
    expect((await sends(oldDay)).map((r) => r.count)).toEqual([99]);
    expect((await sends(today)).map((r) => r.key)).toEqual([`back_in_stock_sms_alert|DELIVERED|`]);
  });

  it("moves the shared watermark to a run's start only when the run covers every shop", async () => {
    const { shopId } = await createReportShop();
    const before = await reportsUpdatedAt();
    await rollUpReports({ shopId });
    expect(await reportsUpdatedAt()).toEqual(before);
    // `since` = the run's start keeps this run over every shop short: only the moving of the watermark is under test.
    const start = new Date();
    await rollUpReports({ now: start, since: start });
    expect(await reportsUpdatedAt()).toEqual(start);
  });

  it("writes a shop's waiting counts before its day figures: a page read mid-run never shows new revenue beside old waiting counts", async () => {
    const { shopId, variant, restock } = await createReportShop();
    await prisma.waitlistEntry.create({ data: { shopId, variantId: variant.id, customerKey: "a", status: "WAITING" } });
    await addAlert(shopId, restock.id, { phone: "+14155552101", at: new Date() });
    await rollUpReports({ shopId });
    // The order the rows were written in, from PostgreSQL itself: each statement's transaction id (xmin) is later
    // than those of the statements before it.
    const [written] = await prisma.$queryRaw<{ waiting: bigint | null; days: bigint | null }[]>`
      SELECT (SELECT max(xmin::text::bigint) FROM "ReportWaiting" WHERE "shopId" = ${shopId}) AS waiting,
             (SELECT min(xmin::text::bigint) FROM "ReportDay" WHERE "shopId" = ${shopId}) AS days`;
    expect(written!.waiting).not.toBeNull();
    expect(written!.days).not.toBeNull();
    expect(written!.waiting!).toBeLessThan(written!.days!);
  });

  it("puts an event on the shop's own calendar day (time-zone day boundaries)", async () => {
    const { shopId, restock } = await createReportShop("America/Los_Angeles");
    // 23:59 and 00:00 in Los Angeles (UTC-8 in November) fall on two days; in UTC both are on the 15th.
    await addAlert(shopId, restock.id, { phone: "+14155553001", at: new Date("2026-11-15T07:59:00Z") });
    await addAlert(shopId, restock.id, { phone: "+14155553002", at: new Date("2026-11-15T08:00:00Z") });
    // Spring forward (March 8, 2026): the day is 23 hours long; 23:30 local is 06:30 UTC the next day.
    await addAlert(shopId, restock.id, { phone: "+14155553003", at: new Date("2026-03-09T06:30:00Z") });
    await rollUpReports({ shopId });
    const days = await prisma.reportDay.findMany({ where: { shopId, metric: "send" }, orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day.toISOString().slice(0, 10), d.count])).toEqual([
      ["2026-03-08", 1],
      ["2026-11-14", 1],
      ["2026-11-15", 1],
    ]);
    const range = resolveReportRange({ range: "custom", from: "2026-11-14", to: "2026-11-15" }, "America/Los_Angeles");
    const report = await getShopReport(shopId, range);
    expect(report.sends.byDay.map((d) => [d.day, d.delivered])).toEqual([
      ["2026-11-14", 1],
      ["2026-11-15", 1],
    ]);
  });
});

describe("customers waiting now", () => {
  it("are read from the rollup's counts: new signups show after the next run, and a redaction's deletions too", async () => {
    const { shopId, variant } = await createReportShop();
    const join = (key: string, status: "WAITING" | "NOTIFIED" = "WAITING") =>
      prisma.waitlistEntry.create({ data: { shopId, variantId: variant.id, customerKey: key, status } });
    const waitingNow = async () => {
      const report = await getShopReport(shopId, resolveReportRange({ range: "7" }, "UTC"));
      return [report.demand.waitingTotal, report.demand.mostWanted.map((m) => [m.variantId, m.waiting])];
    };
    await join("a");
    await join("b");
    const notified = await join("c", "NOTIFIED");
    await rollUpReports({ shopId });
    expect(await waitingNow()).toEqual([2, [[variant.id, 2]]]);

    // The page reads the last count, not the waitlist: a signup shows once the rollup has run.
    const late = await join("d");
    expect(await waitingNow()).toEqual([2, [[variant.id, 2]]]);
    await rollUpReports({ shopId });
    expect(await waitingNow()).toEqual([3, [[variant.id, 3]]]);

    // customers/redact deletes entries (no updatedAt left to find): the processed webhook makes the shop recounted.
    await prisma.waitlistEntry.deleteMany({ where: { id: { in: [late.id, notified.id] } } });
    await prisma.webhookEvent.create({
      data: {
        shopId,
        shopDomain: `${shopId}.myshopify.com`,
        webhookId: `redact-${shopId}`,
        topic: "customers/redact",
        payload: {},
        processedAt: new Date(),
      },
    });
    await rollUpReports({ shopId });
    expect(await waitingNow()).toEqual([2, [[variant.id, 2]]]);

    // Nobody waiting any more: the variant leaves the ranking.
    await prisma.waitlistEntry.updateMany({ where: { shopId }, data: { status: "NOTIFIED" } });
    await rollUpReports({ shopId });
    expect(await waitingNow()).toEqual([0, []]);
  });
});

describe("order editing and upsell figures", () => {
  it("counts edits started, saved and abandoned, what changed, upsells shown and accepted with their revenue", async () => {
    const { shopId } = await createReportShop();
    const strategy = await prisma.upsellStrategy.create({ data: { shopId, name: "Beanie 20% off" } });
    const now = new Date();
    const line = (title: string, quantity: number, price: string, shopifyLineItemId: string | null) => ({
      shopifyLineItemId,
      shopifyProductId: null,
      shopifyVariantId: null,
      variantId: null,
      title,
      variantTitle: null,
      quantity,
      price,
      sku: null,
    });
    const order = await prisma.order.create({
      data: {
        shopId,
        shopifyOrderId: "77001",
        name: "#1001",
        placedAt: now,
        lineItems: [line("Parka", 2, "249.00", "li-1"), line("Merino Beanie", 2, "19.20", null)],
      },
    });
    const saved = await prisma.orderEdit.create({
      data: {
        shopId,
        orderId: order.id,
        status: "SAVED",
        startedAt: now,
        savedAt: now,
        changes: {
          added: [{ title: "Merino Beanie", quantity: 2 }],
          removed: [],
          quantityChanges: [{ title: "Parka", from: 1, to: 2 }],
          addressChanged: true,
          summary: "…",
        },
      },
    });
    await prisma.orderEdit.create({
      data: { shopId, orderId: order.id, status: "ABANDONED", startedAt: now, abandonedAt: now },
    });
    await prisma.orderEdit.create({ data: { shopId, orderId: order.id, status: "OPEN", startedAt: now } });
    // Shown once to the saved edit: two integrations are two ledger rows but one showing.
    for (const provider of ["POSTSCRIPT", "KLAVIYO"] as const) {
      await prisma.delivery.create({
        data: {
          shopId,
          provider,
          eventType: "upsell_recommendations",
          idempotencyKey: `${saved.id}:${provider}`,
          orderId: order.id,
          orderEditId: saved.id,
          upsellStrategyId: strategy.id,
        },
      });
    }
    await rollUpReports({ shopId });
    const report = await getShopReport(shopId, resolveReportRange({ range: "7" }, "UTC"));
    expect(report.editing).toMatchObject({ started: 3, saved: 1, abandoned: 1, abandonRate: 0.5, ticketsAvoided: 1 });
    expect(report.editing.changes).toEqual([
      { kind: "quantities", count: 1 },
      { kind: "additions", count: 1 },
      { kind: "removals", count: 0 },
      { kind: "address", count: 1 },
    ]);
    expect(report.editing.upsells).toEqual([
      { strategyId: strategy.id, strategy: "Beanie 20% off", shown: 1, accepted: 1, rate: 1, revenue: 38.4 },
    ]);
  });
});
