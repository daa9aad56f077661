/**
 * Time and peak memory to plan a restock's fan-out: N waiting customers → N ledger rows.
 *   tsx bench/plan-fanout.ts            # 20,000 customers, 3 runs
 *   tsx bench/plan-fanout.ts --full     # 100,000 customers (goal: < 10 s and < 300 MB peak RSS)
 *   tsx bench/plan-fanout.ts --n 50000 --runs 5
 * Creates and drops its own database on the local PostgreSQL (TEST_DATABASE_ADMIN_URL to change).
 */
import { argValue, hasFlag, median, startBenchEnvironment } from "./support/bench-environment";

const n = Number(argValue("n", hasFlag("full") ? "100000" : "20000"));
const runs = Number(argValue("runs", "3"));

const env = await startBenchEnvironment("bench_plan");
try {
  const { prisma } = await import("@/lib/db/prisma");
  const { planRestock } = await import("@/lib/restock/plan-restock");
  const { addWaitlist, createEngineShop, createEngineVariant } = await import("@/lib/restock/restock-test-fixtures");

  const shop = await createEngineShop();
  const variant = await createEngineVariant(shop.shopId, { available: 10 });
  await addWaitlist(shop.shopId, variant.id, n);
  console.log(`plan-fanout: ${n.toLocaleString("en-US")} waiting customers, ${runs} runs`);

  const times: number[] = [];
  const peaks: number[] = [];
  for (let run = 1; run <= runs; run++) {
    await prisma.delivery.deleteMany({ where: { shopId: shop.shopId } });
    global.gc?.();
    const restock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 10 },
    });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const { planned } = await planRestock(restock.id);
    const seconds = (performance.now() - started) / 1_000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (planned !== n) throw new Error(`planned ${planned} of ${n}`);
    times.push(seconds);
    peaks.push(peak / 2 ** 20);
    console.log(
      `  run ${run}: ${seconds.toFixed(2)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - before) / 2 ** 20).toFixed(0)} MB over the ${(before / 2 ** 20).toFixed(0)} MB before), ${Math.round(n / seconds).toLocaleString("en-US")} rows/s`,
    );
  }
  const time = median(times);
  const rss = median(peaks);
  console.log(`median: ${time.toFixed(2)} s (goal < 10 s at 100,000), peak RSS ${rss.toFixed(0)} MB (goal < 300 MB)`);
  console.log(`RESULT plan-fanout n=${n} median ${time.toFixed(2)} s, peak RSS ${rss.toFixed(0)} MB`);
} finally {
  await env.cleanup();
}
