/**
 * Ledger retention on a big ledger: N deliveries of one shop spread over 26 months (half older than the default 13
 * months), purged by applyLedgerRetention (summarised, then deleted in 5,000-row batches), side by side with its
 * bound: one bare DELETE of the same rows on the same ledger seeded again. While each runs, a probe updates one of
 * the shop's recent deliveries every 20 ms and records how long it waits: the longest wait is the longest a sender
 * would be held up (the lock the purge takes).
 *   tsx bench/ledger-retention.ts                # 400,000 deliveries, 3 runs
 *   tsx bench/ledger-retention.ts --n 2000000 --runs 1
 */
import { execSync } from "node:child_process";
import { argValue, median, startBenchEnvironment } from "./support/bench-environment";

const n = Number(argValue("n", "400000"));
const runs = Number(argValue("runs", "3"));

const env = await startBenchEnvironment("bench_retention");
try {
  const { prisma } = await import("@/lib/db/prisma");
  const { applyLedgerRetention } = await import("@/lib/retention/apply-ledger-retention");
  const { rollUpReports } = await import("@/lib/reports/roll-up-reports");
  const { createEngineShop } = await import("@/lib/restock/restock-test-fixtures");
  const { Pool } = await import("pg");
  const shop = await createEngineShop();
  const probeRow = `bench-probe-${shop.shopId}`;

  /** N delivered alerts, evenly from 26 months ago to now, plus the probe's recent row; the reports rolled up. */
  async function seed() {
    await prisma.$executeRaw`DELETE FROM "Delivery" WHERE "shopId" = ${shop.shopId}`;
    await prisma.$executeRaw`DELETE FROM "LedgerRetention" WHERE "shopId" = ${shop.shopId}`;
    await prisma.$executeRaw`
      INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone",
                              "deliveredAt", "createdAt", "updatedAt")
      SELECT 'dl' || g || '_' || ${shop.shopId}, ${shop.shopId}, 'POSTSCRIPT', 'back_in_stock_sms_alert',
             ${shop.shopId} || ':bench:' || g, 'DELIVERED', '+1555' || lpad(g::text, 7, '0'), at.t, at.t, at.t
        FROM generate_series(1, ${n}::int) AS g,
             LATERAL (SELECT now() - (g * interval '790 days' / ${n}::int) AS t) AS at`;
    await prisma.$executeRaw`
      INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "createdAt", "updatedAt")
      VALUES (${probeRow}, ${shop.shopId}, 'POSTSCRIPT', 'back_in_stock_sms_alert', ${probeRow}, 'PENDING', now(), now())`;
    await prisma.$executeRaw`ANALYZE "Delivery"`;
    await rollUpReports();
  }

  /** Runs `work` while a separate connection updates the probe row every 20 ms; the probe's waits. */
  async function withProbe(work: () => Promise<unknown>) {
    const pool = new Pool({ connectionString: env.databaseUrl, max: 1 });
    const waits: number[] = [];
    let done = false;
    const probing = (async () => {
      while (!done) {
        const started = performance.now();
        await pool.query(`UPDATE "Delivery" SET attempts = attempts + 1 WHERE id = $1`, [probeRow]);
        waits.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = performance.now();
    await work();
    const seconds = (performance.now() - started) / 1000;
    done = true;
    await probing;
    await pool.end();
    return { seconds, maxWait: Math.max(...waits), p50Wait: median(waits) };
  }

  const purged: { seconds: number; maxWait: number; p50Wait: number; deleted: number }[] = [];
  const bound: { seconds: number; maxWait: number; p50Wait: number }[] = [];
  for (let run = 1; run <= runs; run++) {
    await seed();
    let deleted = 0;
    const p = await withProbe(async () => ({ deleted } = await applyLedgerRetention({ shopId: shop.shopId })));
    purged.push({ ...p, deleted });
    await seed();
    const cutoff = new Date(Date.now());
    cutoff.setUTCMonth(cutoff.getUTCMonth() - 13);
    const b = await withProbe(
      () =>
        prisma.$executeRaw`DELETE FROM "Delivery" WHERE "shopId" = ${shop.shopId} AND "createdAt" < ${cutoff}::timestamp`,
    );
    bound.push(b);
    console.log(
      `  run ${run}: retention ${p.seconds.toFixed(2)} s for ${deleted.toLocaleString("en-US")} rows (${Math.round(deleted / p.seconds).toLocaleString("en-US")}/s), ` +
        `probe wait max ${p.maxWait.toFixed(0)} ms; bare DELETE ${b.seconds.toFixed(2)} s, probe wait max ${b.maxWait.toFixed(0)} ms; ratio ${(p.seconds / b.seconds).toFixed(2)}×`,
    );
  }
  const m = <T>(list: T[], pick: (x: T) => number) => median(list.map(pick));
  const ratio = median(purged.map((p, i) => p.seconds / bound[i]!.seconds));
  console.log(
    `ledger-retention: ${n.toLocaleString("en-US")} deliveries over 26 months, ${runs} runs (medians): retention ${m(purged, (p) => p.seconds).toFixed(2)} s ` +
      `(${m(purged, (p) => p.deleted).toLocaleString("en-US")} rows), bare DELETE ${m(bound, (b) => b.seconds).toFixed(2)} s, ratio ${ratio.toFixed(2)}×; ` +
      `a sender's update waited at most ${m(purged, (p) => p.maxWait).toFixed(0)} ms (p50 ${m(purged, (p) => p.p50Wait).toFixed(1)} ms) during retention, ` +
      `${m(bound, (b) => b.maxWait).toFixed(0)} ms during the bare DELETE; ${execSync("uptime").toString().trim()}`,
  );
  console.log(
    `RESULT ledger-retention n=${n} ${m(purged, (p) => p.seconds).toFixed(2)} s, ratio ${ratio.toFixed(2)}× the bare DELETE, max probe wait ${m(purged, (p) => p.maxWait).toFixed(0)} ms`,
  );
} finally {
  await env.cleanup();
}
