/**
 * Delivery under a real store's load, against `next start` (single machine: background work in-process, no
 * Inngest) and the Postscript sandbox at 15/s: signups arriving over the run while two restocks fan out, with 5%
 * 429 + 2% 500 injected, an outage where the sandbox accepts connections and never answers, and a `kill -9` of
 * the app process (restarted at once).
 *   tsx bench/mixed-load.ts              # small: 60 signups over 10 s, restocks of 60 and 30, 5 s outage
 *   tsx bench/mixed-load.ts --full       # issue 14's sizes: 600 signups over 60 s, restocks of 600 and 300, 30 s outage
 * Prints delivered ÷ limit over the busy period (alerts alone, and every request to the key: alerts share it with
 * syncs), the most requests in any 1 s window, duplicates, lost, alerts to not-yet-subscribed phones, webhook →
 * first alert, and how long sending took to resume after the restart.
 */
import { randomInt } from "node:crypto";
import { argValue, hasFlag, startBenchEnvironment } from "./support/bench-environment";
import { appEnv, buildNext, startNext, type RunningNext } from "./support/next-server";
import { consentDisclosure } from "../lib/storefront/consent-disclosure";

const full = hasFlag("full");
const LIMIT = 15;
const sizes = full
  ? { signups: 600, signupSeconds: 60, bigWaitlist: 600, smallWaitlist: 300, outageSeconds: 30 }
  : { signups: 60, signupSeconds: 10, bigWaitlist: 60, smallWaitlist: 30, outageSeconds: 5 };
const port = Number(argValue("port", "3623"));
const SECRET = "bench_mixed_secret";
const TIMEOUT_MS = 3_000;

const env = await startBenchEnvironment("bench_mixed");
const { prisma } = await import("@/lib/db/prisma");
const { createSandbox } = await import("@/lib/postscript/sandbox/create-sandbox");
const { addWaitlist, countByExternalId, createEngineShop, createEngineVariant } =
  await import("@/lib/restock/restock-test-fixtures");
const { postscriptClientForKey } = await import("@/lib/integrations/postscript-client-for-key");
const { signedWebhook, postWebhook } = await import("@/lib/shopify/signed-webhook");
const { inventoryLevelPayload } = await import("@/lib/shopify/webhook-payloads");
const { signAppProxyQuery } = await import("@/lib/storefront/sign-app-proxy-query");
const { CIRCUIT_THRESHOLD } = await import("@/lib/deliveries/send-circuit");
const { BACK_IN_STOCK_ALERT } = await import("@/lib/deliveries/event-types");
const { STALE_CLAIM_NOTE } = await import("@/lib/deliveries/resolve-stale-claims");

const sandbox = createSandbox({ rateLimitPerSecond: LIMIT, seed: 42, inboxLimit: Infinity });
const running = await sandbox.listen(0);
// Every request that reaches the key's rate limiter (alerts, syncs, probes), for the timeline.
const arrivals: number[] = [];
const admit = sandbox.state.admit.bind(sandbox.state);
sandbox.state.admit = (account) => {
  arrivals.push(Date.now());
  return admit(account);
};
process.env.POSTSCRIPT_API_BASE_URL = running.apiBaseUrl;
process.env.POSTSCRIPT_TIMEOUT_MS = String(TIMEOUT_MS);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// The shop: Postscript connected with a keyword, no reminders; two variants to restock and one that stays sold out.
const shop = await createEngineShop({ reminderEnabled: false, rateLimitPerSecond: LIMIT });
const [keyword] = await postscriptClientForKey(shop.apiKey).listKeywords();
await prisma.integration.update({
  where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
  data: { keywordId: keyword!.id, keywordName: keyword!.keyword },
});
const variants = await Promise.all([0, 1, 2].map(() => createEngineVariant(shop.shopId, { available: 0 })));
for (const variant of variants) {
  await prisma.variant.update({ where: { id: variant.id }, data: { inventoryItemId: String(randomInt(1, 2 ** 40)) } });
}
const [big, small, soldOut] = await prisma.variant
  .findMany({ where: { id: { in: variants.map((v) => v.id) } } })
  .then((rows) => variants.map((v) => rows.find((r) => r.id === v.id)!));
await addWaitlist(shop.shopId, big!.id, sizes.bigWaitlist, { phonePrefix: 1_000_000 });
await addWaitlist(shop.shopId, small!.id, sizes.smallWaitlist, { phonePrefix: 2_000_000 });

if (!hasFlag("no-build")) buildNext();
const serverEnv = appEnv(port, env.databaseUrl, {
  SHOPIFY_API_KEY: "bench-client-id",
  SHOPIFY_API_SECRET: SECRET,
  // Nothing listens there: background work runs in the app process, as on a single machine without Inngest.
  INNGEST_BASE_URL: "http://127.0.0.1:9",
  POSTSCRIPT_API_BASE_URL: running.apiBaseUrl,
  POSTSCRIPT_TIMEOUT_MS: String(TIMEOUT_MS),
});
let server: RunningNext = await startNext(port, serverEnv);
// Oldest first (the inbox lists newest first).
const alerts = () => sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: BACK_IN_STOCK_ALERT }).reverse();

// Signups, evenly spaced: those before the restocks join the two restocking variants (their syncs then run while
// the alerts go out), the later ones the variant that stays sold out.
const signupPhones: string[] = [];
let restocksSent = false;
const signupErrors: string[] = [];
async function signups(): Promise<void> {
  const spacing = (sizes.signupSeconds * 1000) / sizes.signups;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: sizes.signups }, async (_, i) => {
      await sleep(started + i * spacing - performance.now());
      const line = String(3_000_000 + i).padStart(7, "0");
      const phone = `+1201${line}`;
      const variant = restocksSent ? soldOut! : i % 2 ? small! : big!;
      signupPhones.push(phone);
      const query = signAppProxyQuery({ shop: shop.domain }, SECRET);
      const response = await fetch(`${server.url}/api/storefront/waitlist?${query}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i % 250}` },
        body: JSON.stringify({
          variantId: variant.shopifyVariantId,
          phone,
          smsConsent: true,
          consentText: consentDisclosure({ name: "Bench" }),
        }),
      }).catch((error: unknown) => ({ status: 0, text: async () => String(error) }));
      if (response.status !== 201) signupErrors.push(`${response.status} ${(await response.text()).slice(0, 120)}`);
    }),
  );
}

sandbox.state.setFaults({ share429: 0.05, share500: 0.02, seed: 42 });
const busyStarted = Date.now();
const signing = signups();
await sleep((sizes.signupSeconds * 1000) / 3);

// The restocks, as Shopify sends them.
const webhookAt: number[] = [];
for (const variant of [big!, small!]) {
  const webhook = signedWebhook(
    "inventory_levels/update",
    shop.domain,
    inventoryLevelPayload({ inventoryItemId: variant.inventoryItemId!, locationId: "7001", available: 500 }),
    SECRET,
  );
  webhookAt.push(Date.now());
  const answer = await postWebhook(`${server.url}/api/webhooks/shopify`, webhook);
  if (answer.status !== 200) throw new Error(`restock webhook answered ${answer.status}`);
}
restocksSent = true;
const firstAlertAt = await (async () => {
  for (;;) {
    const first = alerts()[0];
    if (first) return Date.parse(first.receivedAt);
    if (Date.now() - webhookAt[0]! > 60_000) throw new Error("no alert within 60 s of the restock webhook");
    await sleep(20);
  }
})();

// The outage: connections accepted and never answered.
const total = sizes.bigWaitlist + sizes.smallWaitlist;
while (alerts().length < total * 0.25) await sleep(50);
const outageFrom = Date.now();
sandbox.state.setFaults({ dropConnections: true });
await sleep(sizes.outageSeconds * 1000);
sandbox.state.setFaults({ dropConnections: false });
const outageTo = Date.now();

// The crash: kill -9 mid fan-out, then start again at once.
while (alerts().length < total * 0.6) await sleep(50);
await server.kill();
const killedAt = Date.now();
server = await startNext(port, serverEnv);
const restartedAt = Date.now();
const alertsAtRestart = alerts().length;
let resumedAt: number | null = null;
await signing;
let requestsInBusy = 0;
let alertsSeen = 0;

// Settled: every alert row final (a claim the dead process left resolves after the timeout plus a minute), every sync done.
const settleBy = Date.now() + 5 * 60_000;
for (;;) {
  if (resumedAt === null && alerts().length > alertsAtRestart)
    resumedAt = Date.parse(alerts()[alertsAtRestart]!.receivedAt);
  // Requests up to the last alert so far (the idle wait for stale claims after it is not busy time).
  if (alerts().length > alertsSeen) {
    alertsSeen = alerts().length;
    requestsInBusy = sandbox.state.account(shop.apiKey)!.requestCount;
  }
  const open = await prisma.delivery.count({
    where: { shopId: shop.shopId, eventType: BACK_IN_STOCK_ALERT, status: { in: ["PENDING", "RETRYING", "SENDING"] } },
  });
  const syncing = await prisma.waitlistEntry.count({ where: { shopId: shop.shopId, postscriptSync: "PENDING" } });
  if (open === 0 && syncing === 0) break;
  if (Date.now() > settleBy) {
    console.log(`not settled after 5 min: ${open} alerts open, ${syncing} syncs pending`);
    break;
  }
  await sleep(500);
}
await server.stop();

// Figures.
const events = alerts();
const ledger = await prisma.delivery.findMany({ where: { shopId: shop.shopId, eventType: BACK_IN_STOCK_ALERT } });
const counts = countByExternalId(events);
const duplicates = [...counts.values()].filter((n) => n > 1).length;
const unconfirmed = ledger.filter((row) => row.status === "UNCONFIRMED").length;
// The kill's unknowns (requests in flight when it died) apart from the outage's, which the breaker bounds.
const unconfirmedByKill = ledger.filter((row) => row.status === "UNCONFIRMED" && row.error === STALE_CLAIM_NOTE).length;
const restocks = await prisma.restock.findMany({ where: { shopId: shop.shopId } });
const [missingRow] = await prisma.$queryRaw<{ missing: bigint }[]>`
  SELECT count(*) AS missing FROM "WaitlistEntry" e JOIN "Restock" r ON r."variantId" = e."variantId"
   WHERE e."shopId" = ${shop.shopId} AND e."createdAt" < r."createdAt"
     AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."waitlistEntryId" = e.id AND d."restockId" = r.id)`;
const lost =
  ledger.filter((row) => row.status !== "DELIVERED" && row.status !== "UNCONFIRMED").length +
  Number(missingRow?.missing ?? 0);
const signupSet = new Set(signupPhones);
const beforeSync = events.filter(
  (event) => event.phone && signupSet.has(event.phone) && !event.matchedSubscriber,
).length;
const account = sandbox.state.account(shop.apiKey)!;
const times = events.map((event) => Date.parse(event.receivedAt)).sort((a, b) => a - b);
const busyFrom = times[0]!;
const busyTo = times.at(-1)!;
const resumeGap = (resumedAt ?? busyTo) - killedAt;
const activeMs = busyTo - busyFrom - (outageTo - outageFrom) - resumeGap;
const activeAlerts = times.filter(
  (t) => !(t >= outageFrom && t < outageTo) && !(t >= killedAt && t < (resumedAt ?? killedAt)),
).length;
// The key's whole budget at work: alerts and the subscriber syncs they wait for share it, so alerts alone stay
// near half the limit while signups keep arriving.
const activeRequests = arrivals.filter(
  (t) =>
    t >= busyFrom &&
    t <= busyTo &&
    !(t >= outageFrom && t < outageTo) &&
    !(t >= killedAt && t < (resumedAt ?? killedAt)),
).length;
const activeRatio = (count: number) => (count / (activeMs / 1000) / LIMIT).toFixed(3);
const pauses = await prisma.sendingPause.findMany({ where: { shopId: shop.shopId } });

const size = full ? "full" : "small";
console.log(
  `\nmixed load (${size} size: ${sizes.signups} signups over ${sizes.signupSeconds} s, restocks of ${sizes.bigWaitlist} and ${sizes.smallWaitlist}, ${sizes.outageSeconds} s accept-then-drop outage, kill -9; limit ${LIMIT}/s)`,
);
console.log(
  `  restocks ${restocks.length}, alerts planned ${ledger.length}; delivered ${ledger.filter((row) => row.status === "DELIVERED").length}, unconfirmed ${unconfirmed - unconfirmedByKill} in the outage (breaker threshold ${CIRCUIT_THRESHOLD}) + ${unconfirmedByKill} in flight at the kill, signups refused ${signupErrors.length}${signupErrors[0] ? ` (first: ${signupErrors[0]})` : ""}`,
);
console.log(
  `  busy period ${seconds(busyTo - busyFrom)}: alerts ÷ limit ${(events.length / ((busyTo - busyFrom) / 1000) / LIMIT).toFixed(3)}; outside the outage and the restart ${activeRatio(activeAlerts)}, every request to the key ${activeRatio(activeRequests)}; every request to the key (alerts, syncs, probes) ÷ limit ${(requestsInBusy / ((busyTo - busyStarted) / 1000) / LIMIT).toFixed(3)} from the first signup to the last alert`,
);
console.log(
  `  most requests in any 1 s window ${account.peakRequestsPerSecond} (limit ${LIMIT}); over-limit 429s ${account.overLimit429Count}; injected 429s ${account.rateLimited429Count - account.overLimit429Count}`,
);
console.log(`  duplicates ${duplicates}; lost ${lost}; alerts to not-yet-subscribed phones ${beforeSync}`);
console.log(
  `  webhook → first alert ${seconds(firstAlertAt - webhookAt[0]!)}; sending paused ${pauses.length}× (resumed by itself: ${pauses.filter((p) => p.resumedAt).length}); after kill -9: app back in ${seconds(restartedAt - killedAt)}, first alert ${resumedAt ? `${seconds(resumedAt - restartedAt)} after the restart` : "none"}`,
);
console.log(
  `RESULT mixed load (${size}): outside outage/restart every request (alerts + syncs + probes) ÷ limit ${activeRatio(activeRequests)}, alerts alone ${activeRatio(activeAlerts)}, max ${account.peakRequestsPerSecond}/s (limit ${LIMIT}), ${duplicates} duplicates, ${lost} lost, ${unconfirmed - unconfirmedByKill} unconfirmed in the outage (≤ ${CIRCUIT_THRESHOLD}) + ${unconfirmedByKill} at the kill, ${beforeSync} before sync, webhook → first alert ${seconds(firstAlertAt - webhookAt[0]!)}, resumed ${resumedAt ? seconds(resumedAt - restartedAt) : "never"} after restart`,
);

// Where the time went: requests and alerts per second from the first restock webhook to the last alert.
const perSecond = (at: number[]) => {
  const counts = Array.from({ length: Math.ceil((busyTo - webhookAt[0]!) / 1000) + 1 }, () => 0);
  for (const t of at) if (t >= webhookAt[0]!) counts[Math.floor((t - webhookAt[0]!) / 1000)]! += 1;
  return counts.join(" ");
};
console.log(
  `  timeline from the restock webhook, per second (outage ${seconds(outageFrom - webhookAt[0]!)}–${seconds(outageTo - webhookAt[0]!)}, kill at ${seconds(killedAt - webhookAt[0]!)}, back at ${seconds(restartedAt - webhookAt[0]!)}):`,
);
console.log(`    requests ${perSecond(arrivals)}`);
console.log(`    alerts   ${perSecond(times)}`);

await running.close();
await env.cleanup();
process.exit(0);
