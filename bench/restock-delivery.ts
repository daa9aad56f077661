/**
 * Restock delivery against the Postscript sandbox at 15 requests/s per key: achieved rate ÷ limit, duplicates
 * and lost alerts, without faults and with 5% 429 + 2% 500 injected.
 *   tsx bench/restock-delivery.ts           # 500 waiting customers per scenario (~35 s each)
 *   tsx bench/restock-delivery.ts --full    # 5,000 (~6 min each)
 *   tsx bench/restock-delivery.ts --n 1000 --runs 3 --workers 4
 * Creates and drops its own database on the local PostgreSQL (TEST_DATABASE_ADMIN_URL to change); the sandbox
 * runs in this process on a free port.
 */
import { argValue, hasFlag, median, startBenchEnvironment } from "./support/bench-environment";

const n = Number(argValue("n", hasFlag("full") ? "5000" : "500"));
const runs = Number(argValue("runs", "1"));
const LIMIT = 15;

const env = await startBenchEnvironment("bench_delivery");
const { DEFAULT_WORKERS } = await import("@/lib/deliveries/deliver-due");
const workers = Number(argValue("workers", String(DEFAULT_WORKERS)));
const { createSandbox } = await import("@/lib/postscript/sandbox/create-sandbox");
const sandbox = createSandbox({ rateLimitPerSecond: LIMIT, seed: 42, inboxLimit: Infinity });
const running = await sandbox.listen(0);
process.env.POSTSCRIPT_API_BASE_URL = running.apiBaseUrl;
process.env.POSTSCRIPT_TIMEOUT_MS ??= "5000";

// Every request that reaches the sandbox's rate limiter (accepted or not), to measure the request rate.
const arrivals: number[] = [];
let windowRefusals = 0;
const admit = sandbox.state.admit.bind(sandbox.state);
sandbox.state.admit = (account) => {
  arrivals.push(performance.now());
  const admitted = admit(account);
  if (!admitted) windowRefusals++;
  return admitted;
};

type Figures = {
  seconds: number;
  deliveredRate: number;
  requestRate: number;
  duplicates: number;
  lost: number;
  failed: number;
  /** 429s from the sandbox's sliding window (our pacing); injected 429s are not counted here. */
  window429: number;
  injected429: number;
  requests: number;
};

try {
  const { prisma } = await import("@/lib/db/prisma");
  const { planRestock } = await import("@/lib/restock/plan-restock");
  const { drainShopDeliveries } = await import("@/lib/deliveries/drain-shop-deliveries");
  const { addWaitlist, countByExternalId, createEngineShop, createEngineVariant, warmUpEngine } =
    await import("@/lib/restock/restock-test-fixtures");
  // The sandbox shares this process: a cold first run would measure Prisma compiling its queries, not pacing.
  await warmUpEngine();

  async function scenario(faults: { share429: number; share500: number }): Promise<Figures> {
    sandbox.state.setFaults({ ...faults, seed: 42 });
    const shop = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: LIMIT });
    const variant = await createEngineVariant(shop.shopId, { available: 50 });
    await addWaitlist(shop.shopId, variant.id, n);
    const restock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 50 },
    });
    arrivals.length = 0;
    windowRefusals = 0;

    const started = performance.now();
    // What the restock fan-out job and the shop's drainer do, inline: this measures the engine, not the runner.
    await planRestock(restock.id);
    await drainShopDeliveries(shop.shopId, { workers });
    // Retries whose backoff outlasted the run (the sweeper's job in production).
    while (
      await prisma.delivery.count({
        where: { restockId: restock.id, status: { in: ["PENDING", "RETRYING", "SENDING"] } },
      })
    ) {
      await drainShopDeliveries(shop.shopId, { workers });
    }
    const seconds = (performance.now() - started) / 1_000;

    const events = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "back_in_stock_sms_alert" });
    const counts = countByExternalId(events);
    const ledger = await prisma.delivery.findMany({
      where: { restockId: restock.id },
      select: { idempotencyKey: true, status: true },
    });
    const lost =
      ledger.filter(
        (row) => (row.status !== "DELIVERED" && row.status !== "UNCONFIRMED") || !counts.has(row.idempotencyKey),
      ).length +
      (n - ledger.length);
    const received = events.map((e) => Date.parse(e.receivedAt)).sort((a, b) => a - b);
    const span = (received.at(-1)! - received[0]!) / 1_000;
    const requestSpan = (arrivals.at(-1)! - arrivals[0]!) / 1_000;
    return {
      seconds,
      deliveredRate: (events.length - 1) / span / LIMIT,
      requestRate: (arrivals.length - 1) / requestSpan / LIMIT,
      duplicates: [...counts.values()].reduce((sum, c) => sum + c - 1, 0),
      lost,
      failed: ledger.filter((row) => row.status === "FAILED").length,
      window429: windowRefusals,
      injected429: (sandbox.state.account(shop.apiKey)?.rateLimited429Count ?? 0) - windowRefusals,
      requests: arrivals.length,
    };
  }

  const print = (label: string, all: Figures[]) => {
    const m = (pick: (f: Figures) => number) => median(all.map(pick));
    console.log(
      `${label}: ${m((f) => f.seconds).toFixed(1)} s, delivered ${(m((f) => f.deliveredRate) * LIMIT).toFixed(2)}/s = ` +
        `${m((f) => f.deliveredRate).toFixed(3)} of the limit, requests ${m((f) => f.requestRate).toFixed(3)} of the limit ` +
        `(${m((f) => f.requests)} requests), 429s over the limit ${m((f) => f.window429)} (injected ${m((f) => f.injected429)}), duplicates ${m((f) => f.duplicates)}, ` +
        `lost ${m((f) => f.lost)}, failed ${m((f) => f.failed)}`,
    );
    return `${m((f) => f.deliveredRate).toFixed(3)} of limit, dup ${m((f) => f.duplicates)}, lost ${m((f) => f.lost)}`;
  };

  console.log(
    `restock-delivery: ${n.toLocaleString("en-US")} waiting customers, sandbox at ${LIMIT}/s per key, ${workers} workers, ${runs} run(s) each${runs > 1 ? " (medians)" : ""}`,
  );
  const clean: Figures[] = [];
  for (let i = 0; i < runs; i++) clean.push(await scenario({ share429: 0, share500: 0 }));
  const cleanSummary = print("  no faults            ", clean);
  const faulty: Figures[] = [];
  for (let i = 0; i < runs; i++) faulty.push(await scenario({ share429: 0.05, share500: 0.02 }));
  const faultySummary = print("  5% 429 + 2% 500      ", faulty);
  console.log(
    "  goals: rate ≥ 0.95 of the limit without faults (429s from the sliding window: 0), duplicates 0, lost 0",
  );
  console.log("  (with faults, 7% of requests fail on purpose, so delivered/s is about 0.93 of the request rate)");
  console.log(`RESULT restock-delivery n=${n} clean: ${cleanSummary}; 5% 429 + 2% 500: ${faultySummary}`);
} finally {
  await running.close();
  await env.cleanup();
}
