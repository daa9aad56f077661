/**
 * Many shops at once (issue 21, items 1 and 3), against `next start` (background work on each process's local job
 * runner, as on machines without Inngest) and the Postscript sandbox at 15/s per key. Every shop's restock webhook
 * arrives at the same moment; meanwhile one more shop gets a signup burst (subscriber syncs on its key) and a small
 * restock webhook every second, on which webhook → first alert is measured.
 *   tsx bench/many-shops.ts                  # reduced size (the default): 6 shops × 300 waiting, 10 timed restocks
 *   tsx bench/many-shops.ts --full           # issue 21's size: 20 shops × 1,000 waiting, 20 timed restocks
 *   tsx bench/many-shops.ts --processes 2    # two app processes on the same database (webhooks alternate)
 *   --shops N --waiting N --no-build (reuse the last build in .next-bench) --port N (the first process's)
 * Prints per shop delivered ÷ limit and finish time, the slowest ÷ fastest finish, the aggregate rate, duplicates,
 * lost, the most requests to one key in any second, how the drainers split between processes, webhook → first
 * alert p50 / p99, and where each restock's time to its first alert went (stored → job → recorded → fan-out queued
 * → planned → first claimed), for the timed restocks and the big ones.
 */
import { randomInt } from "node:crypto";
import { argValue, hasFlag, median, startBenchEnvironment } from "./support/bench-environment";
import { appEnv, buildNext, startNext, type RunningNext } from "./support/next-server";
import { consentDisclosure } from "../lib/storefront/consent-disclosure";

const full = hasFlag("full");
const LIMIT = 15;
const shopCount = Number(argValue("shops", full ? "20" : "6"));
const waiting = Number(argValue("waiting", full ? "1000" : "300"));
const timedRestocks = full ? 20 : 10;
const signups = full ? 120 : 60;
const processes = Number(argValue("processes", "1"));
const port = Number(argValue("port", "3623"));
const SECRET = "bench_many_secret";

const env = await startBenchEnvironment("bench_many");
const { prisma } = await import("@/lib/db/prisma");
const { createSandbox } = await import("@/lib/postscript/sandbox/create-sandbox");
const { addWaitlist, countByExternalId, createEngineShop, createEngineVariant } =
  await import("@/lib/restock/restock-test-fixtures");
const { postscriptClientForKey } = await import("@/lib/integrations/postscript-client-for-key");
const { signedWebhook, postWebhook } = await import("@/lib/shopify/signed-webhook");
const { inventoryLevelPayload } = await import("@/lib/shopify/webhook-payloads");
const { signAppProxyQuery } = await import("@/lib/storefront/sign-app-proxy-query");
const { BACK_IN_STOCK_ALERT } = await import("@/lib/deliveries/event-types");

const sandbox = createSandbox({ rateLimitPerSecond: LIMIT, seed: 7, inboxLimit: Infinity });
const running = await sandbox.listen(0);
process.env.POSTSCRIPT_API_BASE_URL = running.apiBaseUrl;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A variant that restocks from 0, with its Shopify inventory item (what the webhook names). */
async function restockableVariant(shopId: string) {
  const variant = await createEngineVariant(shopId, { available: 0 });
  return prisma.variant.update({
    where: { id: variant.id },
    data: { inventoryItemId: String(randomInt(1, 2 ** 40)) },
  });
}

// The shops restocking together, each with its own key and waitlist.
const shops = [];
for (let i = 0; i < shopCount; i++) {
  const shop = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: LIMIT });
  const variant = await restockableVariant(shop.shopId);
  await addWaitlist(shop.shopId, variant.id, waiting, { phonePrefix: 1_000_000 });
  shops.push({ ...shop, variant });
}

// The timed shop: small restocks one after another while its signups' syncs share its key's budget.
const timed = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: LIMIT });
const [keyword] = await postscriptClientForKey(timed.apiKey).listKeywords();
await prisma.integration.update({
  where: { shopId_provider: { shopId: timed.shopId, provider: "POSTSCRIPT" } },
  data: { keywordId: keyword!.id, keywordName: keyword!.keyword },
});
const soldOut = await restockableVariant(timed.shopId);
const timedVariants: { variant: Awaited<ReturnType<typeof restockableVariant>>; phones: Set<string> }[] = [];
for (let i = 0; i < timedRestocks; i++) {
  const variant = await restockableVariant(timed.shopId);
  const phones = await addWaitlist(timed.shopId, variant.id, 3, { phonePrefix: 2_000_000 + i * 10 });
  timedVariants.push({ variant, phones: new Set(phones) });
}

if (!hasFlag("no-build")) buildNext();
const serverEnv = (p: number) =>
  appEnv(p, env.databaseUrl, {
    SHOPIFY_API_KEY: "bench-client-id",
    SHOPIFY_API_SECRET: SECRET,
    // Nothing listens there: background work runs in the app processes.
    INNGEST_BASE_URL: "http://127.0.0.1:9",
    POSTSCRIPT_API_BASE_URL: running.apiBaseUrl,
  });
const servers: RunningNext[] = await Promise.all(
  Array.from({ length: processes }, (_, i) => startNext(port + i, serverEnv(port + i))),
);

const restockWebhook = (domain: string, inventoryItemId: string) =>
  signedWebhook(
    "inventory_levels/update",
    domain,
    inventoryLevelPayload({ inventoryItemId, locationId: "7001", available: 500 }),
    SECRET,
  );
async function post(server: RunningNext, domain: string, inventoryItemId: string): Promise<number> {
  const at = Date.now();
  const answer = await postWebhook(`${server.url}/api/webhooks/shopify`, restockWebhook(domain, inventoryItemId));
  if (answer.status !== 200) throw new Error(`restock webhook answered ${answer.status}`);
  return at;
}

// Which process runs each shop's drainer (a RUNNING job row names its runner).
const drainerRunners = new Map<string, Set<string>>();
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    const rows = await prisma.job.findMany({
      where: { name: "deliver-shop-queue", status: "RUNNING" },
      select: { data: true, lockedBy: true },
    });
    for (const row of rows) {
      const shopId = (row.data as { shopId: string }).shopId;
      if (row.lockedBy) drainerRunners.set(shopId, (drainerRunners.get(shopId) ?? new Set()).add(row.lockedBy));
    }
    await sleep(250);
  }
})();

// Every shop's restock at the same moment.
const startedAt = Date.now();
await Promise.all(shops.map((shop, i) => post(servers[i % processes]!, shop.domain, shop.variant.inventoryItemId!)));

// Then the signup burst and the timed restocks, side by side.
const signupErrors: string[] = [];
const signupPhone = (i: number) => `+1201${String(3_000_000 + i).padStart(7, "0")}`;
const signedUpAt = new Map<string, number>();
const burst = Promise.all(
  Array.from({ length: signups }, async (_, i) => {
    await sleep((i * 5_000) / signups);
    signedUpAt.set(signupPhone(i), Date.now());
    const query = signAppProxyQuery({ shop: timed.domain }, SECRET);
    const response = await fetch(`${servers[0]!.url}/api/storefront/waitlist?${query}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i % 250}` },
      body: JSON.stringify({
        variantId: soldOut.shopifyVariantId,
        phone: signupPhone(i),
        smsConsent: true,
        consentText: consentDisclosure({ name: "Bench" }),
      }),
    }).catch((error: unknown) => ({ status: 0, text: async () => String(error) }));
    if (response.status !== 201) signupErrors.push(`${response.status} ${(await response.text()).slice(0, 120)}`);
  }),
);
const timedAt: number[] = [];
for (const [i, { variant }] of timedVariants.entries()) {
  timedAt.push(await post(servers[i % processes]!, timed.domain, variant.inventoryItemId!));
  await sleep(1_000);
}
await burst;

// Settled: every alert row final.
const settleBy = Date.now() + (full ? 10 : 5) * 60_000;
for (;;) {
  // One scan a second: the bench's own polling shares the machine with the app (two scans every 500 ms were
  // 1.9 s of PostgreSQL's time in a run, more than the app's slot reservations).
  const [counts] = await prisma.$queryRaw<{ open: number; planned: number }[]>`
    SELECT (count(*) FILTER (WHERE status IN ('PENDING', 'RETRYING', 'SENDING')))::int AS open, count(*)::int AS planned
      FROM "Delivery" WHERE "eventType" = ${BACK_IN_STOCK_ALERT}`;
  const { open, planned } = counts!;
  if (open === 0 && planned === shopCount * waiting + timedRestocks * 3) break;
  if (Date.now() > settleBy) {
    console.log(`not settled: ${open} alerts open, ${planned} planned`);
    break;
  }
  await sleep(1_000);
}
sampling = false;
await sampler;

// Where webhook → first alert goes, per restock (database clock): stored → webhook job picked up → restock recorded →
// fan-out job queued → planned → first alert claimed. The row timestamps are UTC wall times, comparable with
// Date.now().
const hops = await prisma.$queryRaw<
  {
    shopId: string;
    variantId: string;
    stored: Date;
    processed: Date | null;
    restocked: Date;
    fanOutQueued: Date | null;
    planned: Date | null;
    claimed: Date | null;
  }[]
>`
  SELECT r."shopId", v.id AS "variantId", w."receivedAt" AS stored, w."lastAttemptAt" AS processed,
         r."createdAt" AS restocked, r."plannedAt" AS planned,
         (SELECT min(j."createdAt") FROM "Job" j WHERE j.name = 'restock-fan-out' AND j.data->>'restockId' = r.id) AS "fanOutQueued",
         (SELECT min(d."lastAttemptAt") FROM "Delivery" d WHERE d."restockId" = r.id) AS claimed
    FROM "Restock" r JOIN "Variant" v ON v.id = r."variantId"
    JOIN "WebhookEvent" w ON w."shopId" = r."shopId" AND w.payload->>'inventory_item_id' = v."inventoryItemId"
   WHERE v.id <> ${soldOut.id}`;
const hop = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : NaN);
const hopFigures = (rows: typeof hops, of: (values: number[]) => number) => ({
  "stored → job started": of(rows.map((h) => hop(h.stored, h.processed))),
  "job started → restock recorded": of(rows.map((h) => hop(h.processed, h.restocked))),
  "restock recorded → fan-out queued": of(rows.map((h) => hop(h.restocked, h.fanOutQueued))),
  "fan-out queued → planned": of(rows.map((h) => hop(h.fanOutQueued, h.planned))),
  "planned → first alert claimed": of(rows.map((h) => hop(h.planned, h.claimed))),
});
const timedHops = hops.filter((h) => h.shopId === timed.shopId);
const bigHops = hops.filter((h) => h.shopId !== timed.shopId);
const hopMedians = hopFigures(timedHops, median);
const bigHopMedians = hopFigures(bigHops, median);
const bigHopMax = hopFigures(bigHops, (values) => Math.max(...values));
await Promise.all(servers.map((server) => server.stop()));

// Figures.
const alertsOf = (apiKey: string) =>
  sandbox.state.inbox({ keyLast4: apiKey.slice(-4), type: BACK_IN_STOCK_ALERT }).filter((e) => e.phone);
const perShop = [];
let duplicates = 0;
let lost = 0;
for (const shop of shops) {
  const events = alertsOf(shop.apiKey);
  duplicates += [...countByExternalId(events).values()].filter((n) => n > 1).length;
  const ledger = await prisma.delivery.groupBy({ by: ["status"], where: { shopId: shop.shopId }, _count: true });
  const settled = ledger
    .filter((g) => g.status === "DELIVERED" || g.status === "UNCONFIRMED")
    .reduce((sum, g) => sum + g._count, 0);
  lost += waiting - settled;
  const times = events.map((e) => Date.parse(e.receivedAt)).sort((a, b) => a - b);
  perShop.push({
    rate: (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000) / LIMIT,
    finishedMs: times.at(-1)! - startedAt,
    firstMs: times[0]! - startedAt,
    peak: sandbox.state.account(shop.apiKey)!.peakRequestsPerSecond,
  });
}
const timedEvents = alertsOf(timed.apiKey);
duplicates += [...countByExternalId(timedEvents).values()].filter((n) => n > 1).length;
const firstAlert = timedVariants.map(({ phones }, i) => {
  const first = timedEvents
    .filter((e) => phones.has(e.phone!))
    .map((e) => Date.parse(e.receivedAt))
    .sort((a, b) => a - b)[0];
  return first === undefined ? Infinity : first - timedAt[i]!;
});
// The other side of the shared key: signup → its subscriber created in Postscript (the opt-in request's text).
const syncMs = [...sandbox.state.account(timed.apiKey)!.subscribers.values()].flatMap((subscriber) => {
  const at = signedUpAt.get(subscriber.phoneNumber);
  return at === undefined ? [] : [Date.parse(subscriber.createdAt) - at];
});
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) =>
  sorted(values)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)]!;
const rates = perShop.map((s) => s.rate);
const finishes = perShop.map((s) => s.finishedMs);
const lastAlert = Math.max(...finishes);
const aggregate = (shopCount * waiting) / (lastAlert / 1000);
const runnerIds = [...new Set([...drainerRunners.values()].flatMap((set) => [...set]))];
const split = runnerIds.map((id) => [...drainerRunners.values()].filter((set) => set.has(id)).length);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(
  `\nmany shops (${full ? "full" : "reduced"} size): ${shopCount} shops × ${waiting} waiting restock at once, limit ${LIMIT}/s per key, ${processes} app process(es); a timed shop gets ${signups} signups over 5 s and ${timedRestocks} restocks 1 s apart`,
);
for (const [i, shop] of perShop.entries()) {
  console.log(
    `  shop ${String(i + 1).padStart(2)}: rate ÷ limit ${shop.rate.toFixed(3)}, first alert ${s(shop.firstMs)}, finished ${s(shop.finishedMs)}, max ${shop.peak}/s`,
  );
}
console.log(
  `  per shop rate ÷ limit: median ${median(rates).toFixed(3)}, lowest ${Math.min(...rates).toFixed(3)}; slowest ÷ fastest finish ${(Math.max(...finishes) / Math.min(...finishes)).toFixed(3)}`,
);
console.log(
  `  aggregate ${aggregate.toFixed(1)} alerts/s = ${(aggregate / (shopCount * LIMIT)).toFixed(3)} of the sum of limits; most requests to one key in any 1 s ${Math.max(...perShop.map((p) => p.peak))} (limit ${LIMIT}); duplicates ${duplicates}; lost ${lost}`,
);
console.log(
  `  drainers per process: ${split.join(" / ")}${runnerIds.length !== processes ? ` (${runnerIds.length} runners seen for ${processes} processes)` : ""}; signups refused ${signupErrors.length}${signupErrors[0] ? ` (first: ${signupErrors[0]})` : ""}`,
);
console.log(
  `  webhook → first alert on the timed shop: p50 ${s(percentile(firstAlert, 0.5))}, p99 ${s(percentile(firstAlert, 0.99))} (each: ${firstAlert.map((ms) => (ms / 1000).toFixed(2)).join(" ")})`,
);
console.log(
  `  signup → subscriber created in Postscript: ${syncMs.length} of ${signedUpAt.size}, p50 ${s(percentile(syncMs, 0.5))}, p99 ${s(percentile(syncMs, 0.99))}`,
);
// The slowest restocks' own hops: what the p99 is made of (the medians above hide it).
const slowest = firstAlert
  .map((ms, i) => ({ ms, i, h: timedHops.find((row) => row.variantId === timedVariants[i]!.variant.id) }))
  .sort((a, b) => b.ms - a.ms)
  .slice(0, 3);
for (const { ms, i, h } of slowest) {
  if (!h) continue;
  console.log(
    `  slow restock ${i + 1} (${s(ms)}; sent ${s(timedAt[i]! - startedAt)} after the start), hops ms: stored → job ${hop(h.stored, h.processed)}, → recorded ${hop(h.processed, h.restocked)}, → planned ${hop(h.restocked, h.planned)}, → first claimed ${hop(h.planned, h.claimed)}, → at Postscript ${(h.claimed ? timedAt[i]! + ms - h.claimed.getTime() : NaN).toFixed(0)}`,
  );
}
const hopList = (figures: Record<string, number>) =>
  Object.entries(figures)
    .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
    .join(", ");
console.log(`  webhook → first alert hops (medians, ms): ${hopList(hopMedians)}`);
console.log(
  `  the ${shopCount} big restocks' hops (ms): medians ${hopList(bigHopMedians)}; slowest ${hopList(bigHopMax)}`,
);
console.log(
  `RESULT many shops (${full ? "full" : "reduced"}, ${processes} process(es)): rate ÷ limit median ${median(rates).toFixed(3)} lowest ${Math.min(...rates).toFixed(3)}, slowest ÷ fastest ${(Math.max(...finishes) / Math.min(...finishes)).toFixed(3)}, aggregate ${aggregate.toFixed(1)}/s, ${duplicates} duplicates, ${lost} lost, first alert p50 ${s(percentile(firstAlert, 0.5))} p99 ${s(percentile(firstAlert, 0.99))}`,
);

await running.close();
await env.cleanup();
process.exit(0);
