import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { addAlert, createReportShop } from "@/lib/reports/report-test-fixtures";
import { rollUpReports } from "@/lib/reports/roll-up-reports";
import { applyLedgerRetention } from "./apply-ledger-retention";

const DAY = 24 * 3_600_000;
const NOW = new Date("2026-12-06T12:00:00Z");
const OLD = new Date("2025-10-15T15:00:00Z"); // about 14 months before NOW
const RECENT = new Date("2026-11-20T15:00:00Z");

/** The shop's ReportDay rows of one day as comparable plain values. */
async function reportDay(shopId: string, day: string) {
  const rows = await prisma.reportDay.findMany({
    where: { shopId, day: new Date(`${day}T00:00:00Z`) },
    orderBy: [{ metric: "asc" }, { key: "asc" }],
  });
  return rows.map((r) => `${r.metric}/${r.key}=${r.count}`);
}

describe("applyLedgerRetention", () => {
  it("summarises old deliveries into ReportDay, then deletes them in batches, keeping recent and queued ones", async () => {
    const { shopId, restock, variant } = await createReportShop("America/New_York");
    for (let i = 0; i < 23; i++) await addAlert(shopId, restock.id, { at: new Date(OLD.getTime() + i * 60_000) });
    await addAlert(shopId, restock.id, { at: OLD, status: "FAILED" });
    const queued = await addAlert(shopId, restock.id, { at: OLD, status: "PENDING" });
    for (let i = 0; i < 4; i++) await addAlert(shopId, restock.id, { at: RECENT });
    // The rollup has never run for these rows: retention must summarise them itself before deleting.
    const result = await applyLedgerRetention({ now: NOW, batchSize: 7, shopId });

    expect(result.deleted).toBe(24);
    expect(result.more).toBe(false);
    expect(await reportDay(shopId, "2025-10-15")).toContain(`alerted/${variant.id}=23`);
    const left = await prisma.delivery.findMany({ where: { shopId }, select: { id: true, createdAt: true } });
    expect(left).toHaveLength(5);
    expect(left.filter((d) => d.createdAt < RECENT).map((d) => d.id)).toEqual([queued.id]);
    const policy = await prisma.ledgerRetention.findUniqueOrThrow({ where: { shopId } });
    expect(policy.keptFrom?.toISOString().slice(0, 10)).toBe("2025-11-06");

    // A second pass finds nothing more to do.
    expect(await applyLedgerRetention({ now: NOW, shopId })).toMatchObject({ deleted: 0, more: false });
  });

  it("keeps a final day's figures when something of that day changes after its rows were deleted", async () => {
    const { shopId, restock, variant } = await createReportShop();
    for (let i = 0; i < 5; i++) await addAlert(shopId, restock.id, { at: OLD });
    await rollUpReports({ shopId });
    const before = await reportDay(shopId, "2025-10-15");
    expect(before).toContain(`alerted/${variant.id}=5`);

    await applyLedgerRetention({ now: NOW, shopId });
    expect(await prisma.delivery.count({ where: { shopId } })).toBe(0);
    // A signup of that day touched now: the rollup would recompute the day from a ledger that no longer has it.
    await prisma.waitlistEntry.create({
      data: {
        shopId,
        variantId: variant.id,
        customerKey: "+14155550199",
        phone: "+14155550199",
        status: "WAITING",
        createdAt: OLD,
      },
    });
    await rollUpReports({ shopId, since: new Date(NOW.getTime() - DAY) });
    expect(await reportDay(shopId, "2025-10-15")).toEqual(before);
  });

  it("follows the shop's own policy: 1 month deletes what the default 13 months keeps", async () => {
    const { shopId, restock } = await createReportShop();
    await addAlert(shopId, restock.id, { at: new Date(NOW.getTime() - 60 * DAY) });
    await applyLedgerRetention({ now: NOW, shopId });
    expect(await prisma.delivery.count({ where: { shopId } })).toBe(1);
    await prisma.ledgerRetention.upsert({
      where: { shopId },
      create: { shopId, months: 1 },
      update: { months: 1 },
    });
    expect((await applyLedgerRetention({ now: NOW, shopId })).deleted).toBeGreaterThanOrEqual(1);
    expect(await prisma.delivery.count({ where: { shopId } })).toBe(0);
  });
});
