/**
 * Webhook intake: signed Shopify webhooks at a fixed rate against `next start`, with autocannon.
 *   tsx bench/webhook-intake.ts              # 100/s for 15 s
 *   tsx bench/webhook-intake.ts --full       # 100/s for 60 s
 *   tsx bench/webhook-intake.ts --rate 50 --seconds 30 --no-build
 * Prints p50/p99 latency (goal p99 < 50 ms), errors (goal 0), and checks the database: every webhook answered
 * 200 is stored exactly once and queued exactly once; then the queued work is processed here and counted.
 * Production hands processing to Inngest, so the app's event API is a local stand-in that accepts at once
 * (startEventSink); the server does what production's does per webhook: verify, store, enqueue, answer.
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { argValue, hasFlag, median, startBenchEnvironment } from "./support/bench-environment";
import { buildNext, startEventSink, startNext } from "./support/next-server";

const rate = Number(argValue("rate", "100"));
const seconds = Number(argValue("seconds", hasFlag("full") ? "60" : "15"));
const port = Number(argValue("port", "3611"));
const streams = Number(argValue("streams", "10"));
const SECRET = "bench_webhook_secret";

const env = await startBenchEnvironment("bench_webhooks");
const { prisma } = await import("@/lib/db/prisma");
const { seedDemo } = await import("@/lib/db/seed-demo");
const { DEMO_CATALOG } = await import("@/lib/shopify/demo-catalog");
const { productPayload } = await import("@/lib/shopify/webhook-payloads");
const { signWebhookBody } = await import("@/lib/shopify/signed-webhook");
const { processShopifyWebhook } = await import("@/lib/shopify/process-shopify-webhook");

const accounts = await seedDemo(prisma);
const shopDomain = accounts.shops.northwindOutfitters.domain;
const bodies = DEMO_CATALOG.map((product) => {
  const body = JSON.stringify(productPayload(product));
  return { body, hmac: signWebhookBody(body, SECRET) };
});

if (!hasFlag("no-build")) buildNext();
const sink = await startEventSink();
const server = await startNext(port, {
  DATABASE_URL: env.databaseUrl,
  AUTH_SECRET: process.env.AUTH_SECRET!,
  ENCRYPTION_KEY: process.env.ENCRYPTION_KEY!,
  SHOPIFY_API_SECRET: SECRET,
  INNGEST_DEV: "1",
  INNGEST_BASE_URL: sink.url,
  APP_URL: `http://127.0.0.1:${port}`,
});

/** Each request a fresh Shopify event id: every id sent, and the answer per id, to compare with the database. */
const sent = new Set<string>();
const answers = new Map<string, number>();
let next = 0;

/**
 * `perSecond` webhooks a second as `streams` autocannon clients of one connection each, started 1/perSecond apart
 * so arrivals are evenly spaced, as Shopify's would be. (One autocannon client with many connections and an
 * overall rate sends them in bursts of as many requests as connections, which measures the bursts.)
 */
async function load(durationSeconds: number, perSecond: number) {
  const clients = Math.max(1, Math.min(streams, Math.floor(perSecond)));
  const results = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / perSecond));
      return autocannon({
        url: `${server.url}/api/webhooks/shopify`,
        connections: 1,
        overallRate: perSecond / clients,
        duration: durationSeconds,
        timeout: 10,
        requests: [
          {
            method: "POST",
            setupRequest: (request, context) => {
              const { body, hmac } = bodies[next++ % bodies.length]!;
              const eventId = randomUUID();
              (context as { eventId?: string }).eventId = eventId;
              sent.add(eventId);
              return {
                ...request,
                body,
                headers: {
                  "content-type": "application/json",
                  "x-shopify-topic": "products/update",
                  "x-shopify-shop-domain": shopDomain,
                  "x-shopify-hmac-sha256": hmac,
                  "x-shopify-api-version": "2025-10",
                  "x-shopify-webhook-id": randomUUID(),
                  "x-shopify-event-id": eventId,
                  "x-shopify-triggered-at": new Date().toISOString(),
                },
              };
            },
            onResponse: (status, _body, context) => {
              answers.set((context as { eventId: string }).eventId, status);
            },
          },
        ],
      });
    }),
  );
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    total: sum((r) => r.requests.total),
    seconds: Math.max(...results.map((r) => r.duration)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    // Each client keeps its own histogram: p50 is the median client's, p99 and max the worst client's.
    p50: median(results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    max: Math.max(...results.map((r) => r.latency.max)),
  };
}

/** Waits until the database stops receiving webhooks (in-flight requests have finished). */
async function settle() {
  let before = -1;
  for (let count = await prisma.webhookEvent.count(); count !== before; count = await prisma.webhookEvent.count()) {
    before = count;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

try {
  console.log(`warming up (5 s at ${Math.min(rate, 20)}/s) …`);
  await load(5, Math.min(rate, 20));
  const unloaded = (await load(5, 5)).p50;
  await settle();
  sent.clear();
  answers.clear();
  await prisma.webhookEvent.deleteMany({});
  sink.events.length = 0;

  console.log(`webhook intake: ${rate} signed products/update webhooks/s for ${seconds} s against next start …`);
  const result = await load(seconds, rate);
  // Requests still in flight when the load tool stopped are answered (and stored) a moment later.
  await settle();

  const accepted = [...sent].filter((id) => answers.get(id) === 200);
  const stored = await prisma.webhookEvent.findMany({ where: { webhookId: { in: [...sent] } }, select: { id: true, webhookId: true } });
  const storedIds = new Set(stored.map((row) => row.webhookId));
  const queued = sink.events.filter((e) => e.name === "shopify/webhook.received").map((e) => e.data.webhookEventId as string);
  const queuedOnce = new Set(queued);
  const lostAccepted = accepted.filter((id) => !storedIds.has(id)).length;
  const storedNotQueued = stored.filter((row) => !queuedOnce.has(row.id)).length;

  // The queued work, processed the way the Inngest function would (four at a time).
  const processStarted = performance.now();
  const pending = [...queuedOnce];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let id = pending.pop(); id; id = pending.pop()) await processShopifyWebhook(id);
  }));
  const processSeconds = (performance.now() - processStarted) / 1000;
  const processed = await prisma.webhookEvent.count({ where: { webhookId: { in: [...sent] }, processedAt: { not: null }, error: null } });

  const non2xx = result.non2xx + result.errors + result.timeouts;
  console.log(`  at 5/s (unloaded): p50 ${unloaded} ms`);
  console.log(`  requests ${result.total} in ${result.seconds.toFixed(1)} s (${(result.total / result.seconds).toFixed(1)}/s from ${streams} evenly staggered clients)`);
  console.log(`  latency p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms (goal p99 < 50 ms)`);
  console.log(`  errors ${non2xx} (non-2xx ${result.non2xx}, connection errors ${result.errors}, timeouts ${result.timeouts}) (goal 0)`);
  console.log(
    `  sent ${sent.size}, answered 200: ${accepted.length}; stored: ${stored.length} (${storedIds.size} distinct event ids, duplicates ${stored.length - storedIds.size}); ` +
      `200 but not stored: ${lostAccepted}; queued: ${queued.length} (duplicates ${queued.length - queuedOnce.size}); stored but not queued: ${storedNotQueued}`,
  );
  console.log(`  processed afterwards: ${processed} of ${stored.length} in ${processSeconds.toFixed(1)} s (${(stored.length / processSeconds).toFixed(0)}/s, 4 at a time)`);
  const exactlyOnce = lostAccepted === 0 && stored.length === storedIds.size && queued.length === queuedOnce.size && storedNotQueued === 0 && processed === stored.length;
  console.log(`  every webhook recorded exactly once: ${exactlyOnce ? "yes" : "NO"}`);
  console.log(`RESULT webhook-intake rate=${rate}/s seconds=${seconds} p50=${result.p50}ms p99=${result.p99}ms errors=${non2xx} exactlyOnce=${exactlyOnce}`);
} finally {
  await server.stop();
  await sink.close();
  await env.cleanup();
}
