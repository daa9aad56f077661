/**
 * What the background work costs on Inngest, which bills per run step and per event: runs, steps and events per
 * 1,000 webhooks and per 1,000 alerts delivered, counted from the local runner's Job table after the real flows ran
 * (each Job row is one Inngest function run started by one event, or by a cron; its stored steps are Inngest's
 * steps), and what an idle app's schedules cost a day (each cron's steps when there is nothing to do, run here on
 * an empty database, times its runs a day). Work a run schedules for later (a drain's next wake-up, the debounced
 * reports rollup) is waited for and counted with the work that caused it; an idle app sends no events, so its
 * cost is its schedules alone (the bench checks that nothing is left scheduled once the work is done).
 *   tsx bench/inngest-cost.ts               # 300 webhooks, 500 alerts at the sandbox's 15/s (figures per 1,000)
 *   tsx bench/inngest-cost.ts --webhooks 1000 --alerts 1000
 */
import { execSync } from "node:child_process";
import { argValue, startBenchEnvironment } from "./support/bench-environment";

const webhookCount = Number(argValue("webhooks", "300"));
const alertCount = Number(argValue("alerts", "500"));
const SECRET = "bench_cost_secret";
process.env.SHOPIFY_API_SECRET = SECRET;

const env = await startBenchEnvironment("bench_cost");
const { createSandbox } = await import("@/lib/postscript/sandbox/create-sandbox");
const sandbox = createSandbox({ rateLimitPerSecond: 15, seed: 42 });
const running = await sandbox.listen(0);
process.env.POSTSCRIPT_API_BASE_URL = running.apiBaseUrl;

type Tally = { runs: number; steps: number; byJob: Map<string, { runs: number; steps: number }> };

try {
  const { prisma } = await import("@/lib/db/prisma");
  const { jobs } = await import("@/inngest/index");
  const { LocalJobRunner } = await import("@/lib/jobs/local-runner");
  const { cronFiresAt } = await import("@/lib/jobs/cron-schedule");
  /** Runs a day of a schedule: the minutes of one (Monday) day it fires in. */
  const runsPerDay = (cron: string) =>
    Array.from({ length: 1440 }, (_, m) => new Date(Date.UTC(2026, 11, 7, 0, m))).filter((at) => cronFiresAt(cron, at))
      .length;

  /** Job rows (runs) and their stored steps, by job; then removed, so the next count starts at 0. */
  async function tally(): Promise<Tally> {
    const rows = await prisma.job.findMany({ select: { name: true, steps: true } });
    const byJob = new Map<string, { runs: number; steps: number }>();
    let steps = 0;
    for (const row of rows) {
      const count = Object.keys((row.steps ?? {}) as Record<string, unknown>).length;
      steps += count;
      const entry = byJob.get(row.name) ?? { runs: 0, steps: 0 };
      entry.runs++;
      entry.steps += count;
      byJob.set(row.name, entry);
    }
    await prisma.job.deleteMany({});
    return { runs: rows.length, steps, byJob };
  }
  const per1000 = (value: number, of: number) => ((value * 1000) / of).toFixed(0);
  const describe = (t: Tally, of: number) =>
    [...t.byJob].map(([name, e]) => `${name} ${per1000(e.runs, of)} runs/${per1000(e.steps, of)} steps`).join(", ");
  const runner = () => new LocalJobRunner({ jobs, crons: false });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Runs what is due, then waits for and runs what was scheduled for later, until nothing is left. */
  async function settle(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await runner().runUntilIdle(timeoutMs);
      if ((await prisma.job.count({ where: { status: { in: ["PENDING", "RUNNING"] } } })) === 0) return;
      if (Date.now() > deadline) throw new Error(`Jobs still scheduled after ${timeoutMs} ms`);
      await sleep(500);
    }
  }

  // 1. Webhooks: signed products/update deliveries through the intake, then processed by their jobs.
  const { seedDemo } = await import("@/lib/db/seed-demo");
  const { DEMO_CATALOG } = await import("@/lib/shopify/demo-catalog");
  const { productPayload } = await import("@/lib/shopify/webhook-payloads");
  const { signWebhookBody } = await import("@/lib/shopify/signed-webhook");
  const { receiveShopifyWebhook } = await import("@/lib/shopify/receive-shopify-webhook");
  const accounts = await seedDemo(prisma);
  const shopDomain = accounts.shops.northwindOutfitters.domain;
  await tally();
  for (let i = 0; i < webhookCount; i++) {
    const body = JSON.stringify({
      ...productPayload(DEMO_CATALOG[i % DEMO_CATALOG.length]!),
      updated_at: new Date(Date.now() + i * 1000).toISOString(),
    });
    const reply = await receiveShopifyWebhook(
      new Request("http://bench.test/api/webhooks/shopify", {
        method: "POST",
        body,
        headers: {
          "x-shopify-topic": "products/update",
          "x-shopify-shop-domain": shopDomain,
          "x-shopify-hmac-sha256": signWebhookBody(body, SECRET),
          "x-shopify-event-id": `cost-${i}`,
        },
      }),
    );
    if (reply.status !== 200) throw new Error(`webhook ${i}: ${JSON.stringify(reply.body)}`);
  }
  await sleep(500); // hand-offs run after the answer
  await runner().runUntilIdle(900_000);
  await settle();
  const processed = await prisma.webhookEvent.count({ where: { processedAt: { not: null } } });
  const webhooks = await tally();

  // 2. Alerts: one restock of `alertCount` waiting customers, from its event to the last alert delivered.
  const { addWaitlist, createEngineShop, createEngineVariant } = await import("@/lib/restock/restock-test-fixtures");
  const { sendJobEvent } = await import("@/lib/jobs/send-job-event");
  const shop = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: 15 });
  const variant = await createEngineVariant(shop.shopId, { available: 50 });
  await addWaitlist(shop.shopId, variant.id, alertCount);
  const restock = await prisma.restock.create({
    data: { shopId: shop.shopId, variantId: variant.id, trigger: "MANUAL", available: 50 },
  });
  const alertsStarted = performance.now();
  await sendJobEvent("restockDetected", { shopId: shop.shopId, restockId: restock.id });
  for (;;) {
    await runner().runUntilIdle(600_000);
    const open = await prisma.delivery.count({
      where: { restockId: restock.id, status: { in: ["PENDING", "RETRYING", "SENDING"] } },
    });
    if (open === 0) break;
    // A retry's backoff outlasted the drain: it scheduled its shop's wake-up for then (no sweep is running here).
    if ((await prisma.job.count({ where: { status: "PENDING" } })) === 0)
      throw new Error(`${open} alerts left with no wake-up scheduled`);
    await sleep(500);
  }
  const delivered = await prisma.delivery.count({ where: { restockId: restock.id, status: "DELIVERED" } });
  const alertSeconds = (performance.now() - alertsStarted) / 1000;
  await settle();
  const alerts = await tally();

  // 3. Idle: each cron run once on a database with nothing to do (the shops above removed), steps counted.
  await prisma.shop.deleteMany({});
  await prisma.webhookEvent.deleteMany({});
  const idle: { id: string; cron: string; perDay: number; steps: number }[] = [];
  for (const job of jobs) {
    if (!("cron" in job.trigger)) continue;
    let steps = 0;
    const step = {
      run: async <T>(_id: string, fn: () => Promise<T>) => {
        steps++;
        return fn();
      },
      sleepUntil: async () => {
        steps++;
      },
      sendEvent: async (_id: string, events: unknown[]) => {
        if (events.length > 0) steps++; // the Inngest adapter sends nothing for an empty list
      },
    };
    await job.run({ data: {} as never, step });
    idle.push({ id: job.id, cron: job.trigger.cron, perDay: runsPerDay(job.trigger.cron), steps });
  }

  console.log(`inngest-cost: ${execSync("uptime").toString().trim()}`);
  console.log(
    `  ${webhookCount} webhooks (${processed} processed): per 1,000 webhooks ${per1000(webhooks.runs, webhookCount)} events → runs, ${per1000(webhooks.steps, webhookCount)} steps (${describe(webhooks, webhookCount)})`,
  );
  console.log(
    `  ${alertCount} waiting customers, ${delivered} alerts delivered in ${alertSeconds.toFixed(0)} s at 15/s: per 1,000 alerts ${per1000(alerts.runs, delivered)} events → runs, ${per1000(alerts.steps, delivered)} steps (${describe(alerts, delivered)})`,
  );
  let idleRuns = 0;
  let idleSteps = 0;
  // The safety nets behind event-driven work (once every minute, each).
  const nets = { runs: 0, steps: 0, ids: ["safety-net-sweep", "roll-up-reports"] };
  for (const c of idle) {
    idleRuns += c.perDay;
    idleSteps += c.perDay * c.steps;
    if (nets.ids.includes(c.id)) {
      nets.runs += c.perDay;
      nets.steps += c.perDay * c.steps;
    }
    console.log(
      `  idle: ${c.id} (${c.cron}): ${c.perDay} runs/day × ${c.steps} step(s) = ${c.perDay * c.steps} steps/day`,
    );
  }
  const eventJobs = jobs.filter((job) => "event" in job.trigger).length;
  console.log(
    `  idle: ${eventJobs} event-driven jobs: 0 runs (no events on an idle app; nothing left scheduled after the work: checked)`,
  );
  console.log(`  idle: safety net + reports rollup: ${nets.runs} runs, ${nets.steps} steps a day`);
  console.log(`  idle app, a day of schedules: ${idleRuns} runs, ${idleSteps} steps`);
  console.log(
    `RESULT inngest-cost per 1,000 webhooks ${per1000(webhooks.runs, webhookCount)} runs/${per1000(webhooks.steps, webhookCount)} steps; per 1,000 alerts ${per1000(alerts.runs, delivered)} runs/${per1000(alerts.steps, delivered)} steps; idle ${idleRuns} runs/${idleSteps} steps a day (safety net + rollup ${nets.runs} runs/${nets.steps} steps)`,
  );
} finally {
  await running.close();
  await env.cleanup();
}
