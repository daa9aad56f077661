/**
 * Time and peak memory to plan a restock's fan-out: N waiting customers → N ledger rows, each run side by side
 * with its bound: one bare INSERT … SELECT of the same rows (same columns and values, no chunks, no lock, no
 * settings read), so the ratio holds on a loaded machine.
 *   tsx bench/plan-fanout.ts              # 20,000 customers, 3 runs
 *   tsx bench/plan-fanout.ts --full       # 1,000,000 customers (goal: < 30 s, < 400 MB peak RSS, ≤ 3× the bound)
 *   tsx bench/plan-fanout.ts --n 100000 --runs 5
 * Creates and drops its own database on the local PostgreSQL (TEST_DATABASE_ADMIN_URL to change).
 */
import { execSync } from "node:child_process";
import { loadavg } from "node:os";
import { argValue, hasFlag, median, startBenchEnvironment } from "./support/bench-environment";

const n = Number(argValue("n", hasFlag("full") ? "1000000" : "20000"));
const runs = Number(argValue("runs", "3"));

const env = await startBenchEnvironment("bench_plan");
try {
  const { prisma } = await import("@/lib/db/prisma");
  const { planRestock } = await import("@/lib/restock/plan-restock");
  const { restockProperties } = await import("@/lib/restock/back-in-stock-properties");
  const { addWaitlist, createEngineShop, createEngineVariant } = await import("@/lib/restock/restock-test-fixtures");

  const shop = await createEngineShop();
  const variant = await createEngineVariant(shop.shopId, { available: 10 });
  const seeded = performance.now();
  await addWaitlist(shop.shopId, variant.id, n);
  await prisma.$executeRaw`ANALYZE "WaitlistEntry"`;
  console.log(
    `plan-fanout: ${n.toLocaleString("en-US")} waiting customers (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s), ${runs} runs; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );

  /** Peak RSS of this process while `work` runs (sampled every 5 ms), and its time. */
  async function measure(work: () => Promise<unknown>) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    await work();
    const seconds = (performance.now() - started) / 1_000;
    clearInterval(sampler);
    return { seconds, before, peak: Math.max(peak, process.memoryUsage().rss) };
  }

  /** The bound: the same rows written by one statement, nothing else. */
  async function bareInsert(restockId: string) {
    const keyPrefix = `${shop.shopId}:back_in_stock_sms_alert:${restockId}:`;
    const full = await prisma.restock.findUniqueOrThrow({
      where: { id: restockId },
      include: { shop: true, variant: { include: { product: true } } },
    });
    const shared = JSON.stringify(
      restockProperties({ restockId, shop: full.shop, product: full.variant.product, variant: full.variant }),
    );
    return prisma.$executeRaw`
      INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone",
                              "recipientEmail", properties, "restockId", "waitlistEntryId", "nextAttemptAt",
                              "createdAt", "updatedAt")
      SELECT 'dl' || replace(gen_random_uuid()::text, '-', ''), ${shop.shopId}, 'POSTSCRIPT', 'back_in_stock_sms_alert',
             ${keyPrefix} || e.id, 'PENDING', e.phone, e.email,
             ${shared}::jsonb || jsonb_build_object('customer_name', COALESCE(e.name, ''), 'customer_phone', COALESCE(e.phone, '')),
             ${restockId}, e.id, now(), now(), now()
        FROM "WaitlistEntry" e
       WHERE e."shopId" = ${shop.shopId} AND e."variantId" = ${variant.id} AND e.status = 'WAITING'
      ON CONFLICT ("idempotencyKey") DO NOTHING`;
  }

  const reset = async () => {
    await prisma.$executeRawUnsafe(`TRUNCATE "Delivery" CASCADE`);
    await prisma.$executeRaw`CHECKPOINT`;
  };
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const plans: { seconds: number; peakMb: number }[] = [];
  const bounds: number[] = [];
  for (let run = 1; run <= runs; run++) {
    await reset();
    const boundRestock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "MANUAL", available: 0 },
    });
    const bound = await measure(() => bareInsert(boundRestock.id));
    await reset();
    const restock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 10 },
    });
    let planned = 0;
    const plan = await measure(async () => ({ planned } = await planRestock(restock.id)));
    if (planned !== n) throw new Error(`planned ${planned} of ${n}`);
    plans.push({ seconds: plan.seconds, peakMb: plan.peak / 2 ** 20 });
    bounds.push(bound.seconds);
    console.log(
      `  run ${run}: plan ${plan.seconds.toFixed(2)} s, bound ${bound.seconds.toFixed(2)} s, ratio ${(plan.seconds / bound.seconds).toFixed(2)}×; ` +
        `peak RSS ${mb(plan.peak)} MB (+${mb(plan.peak - plan.before)} MB over the ${mb(plan.before)} MB before), ${Math.round(n / plan.seconds).toLocaleString("en-US")} rows/s`,
    );
  }
  const time = median(plans.map((p) => p.seconds));
  const bound = median(bounds);
  const ratio = median(plans.map((p, i) => p.seconds / bounds[i]!));
  const rss = median(plans.map((p) => p.peakMb));
  const load = execSync("uptime").toString().trim();
  console.log(
    `median: plan ${time.toFixed(2)} s, bound ${bound.toFixed(2)} s, ratio ${ratio.toFixed(2)}× (goal ≤ 3×, < 30 s at 1,000,000), peak RSS ${rss.toFixed(0)} MB (goal < 400 MB); ${load}`,
  );
  console.log(
    `RESULT plan-fanout n=${n} median ${time.toFixed(2)} s, bound ${bound.toFixed(2)} s, ratio ${ratio.toFixed(2)}×, peak RSS ${rss.toFixed(0)} MB`,
  );
} finally {
  await env.cleanup();
}
