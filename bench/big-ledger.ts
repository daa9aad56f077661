/**
 * A ledger of 10,000,000 deliveries across 1,000 shops (issue 21, item 5): the pages a merchant and a support agent
 * open for the biggest shop, rendered by `next start`. The biggest shop (the demo's Northwind Outfitters, so the
 * merchant signs in through the Shopify stand-in) holds a tenth of the ledger; the other shops share the rest,
 * skewed (the second biggest holds about 3%). Rows span 13 months (the default retention): mostly delivered
 * back-in-stock alerts of the shop's restocks to its waitlist's customers, some reminders, preorder confirmations and
 * order-editing events, 2% failed, 3% skipped, 1% unconfirmed; each shop with variants, restocks and a waitlist; the
 * biggest shop's signups added to Postscript and nine in ten of its customers opted in.
 *   tsx bench/big-ledger.ts --deliveries 1000000         # a quick check (100,000 in the biggest shop)
 *   tsx bench/big-ledger.ts                              # 10,000,000 deliveries, 1,000 shops
 *   tsx bench/big-ledger.ts --shops 1000 --requests 20 --no-build
 *   tsx bench/big-ledger.ts --keep                       # seed once and keep the database (its name is printed) …
 *   tsx bench/big-ledger.ts --reuse bench_ledger_…       # … then time it again without seeding (never dropped)
 * Goal: each page's p50 < 200 ms (whole HTML answer, first byte to last) for the biggest shop, each also given as a
 * ratio to the Settings page's p50 timed in turn (same sign-in, layout and streaming, little to read): on a loaded
 * machine the ratio holds where absolute times do not. Before the pages, the reads behind them are timed
 * in-process (no HTTP, no React): where a page's time goes.
 */
import { execSync } from "node:child_process";
import pg from "pg";
import { argValue, hasFlag, median, startBenchEnvironment } from "./support/bench-environment";
import { connectPostscript } from "./support/connect-postscript";
import { appEnv, buildNext, startNext } from "./support/next-server";
import { signInMerchant, signInSupportAgent, timePages } from "./support/page-timing";

const deliveries = Number(argValue("deliveries", "10000000"));
const shops = Number(argValue("shops", "1000"));
const biggest = Number(argValue("biggest", String(Math.round(deliveries / 10))));
const requests = Number(argValue("requests", "20"));
const port = Number(argValue("port", "3690"));
const DAYS = 395;
const BIG = { variants: 500, restocks: 2000, waitlist: Math.round(biggest / 10) };
const OTHER = { variants: 20, restocks: 40, waitlist: 100 };

const reuse = argValue("reuse", "");
// The database is dropped whatever happens (at full size it holds several gigabytes) unless asked to keep it.
const env = await startBenchEnvironment("bench_ledger", { keep: hasFlag("keep"), reuse });
let standin: { url: string; close: () => Promise<void> } | undefined;
let server: Awaited<ReturnType<typeof startNext>> | undefined;
try {
  const { prisma } = await import("@/lib/db/prisma");
  const { seedDemo, DEMO_SHOPS, DEMO_SUPPORT_AGENT } = await import("@/lib/db/seed-demo");
  const { createShopifyStandin } = await import("@/lib/shopify-standin/create-shopify-standin");

  const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(1);
  const shopId = reuse
    ? (await prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOPS.northwindOutfitters.domain } })).id
    : (await seedDemo(prisma)).shops.northwindOutfitters.id;

  if (!reuse) await connectPostscript(shopId, "sk_sandbox_bench_ledger_0001");
  // The shop's catalog counts as synced and reconciled today: otherwise the server's catalog sweep runs its first
  // full sync against the Shopify stand-in (which holds none of these products) once the merchant has signed in,
  // and deletes the seeded variants, with their waitlist and restocks, while the pages are timed.
  if (!reuse)
    await prisma.catalogSync.createMany({
      data: (["FULL", "RECONCILE"] as const).map((kind) => ({
        shopId,
        kind,
        status: "COMPLETED" as const,
        mode: "PAGED",
        finishedAt: new Date(),
      })),
    });

  /**
   * Set-based seed on one connection. Delivery's secondary indexes are dropped for the insert and built again after
   * (one sort each instead of 10,000,000 insertions into each), and the foreign-key triggers skipped (every shop,
   * variant and restock referenced is inserted here): the same table and indexes as the migrations make, sooner.
   */
  async function seed(): Promise<void> {
    const db = new pg.Client({ connectionString: env.databaseUrl });
    await db.connect();
    const run = async (label: string, sql: string, params: unknown[] = []) => {
      const started = performance.now();
      const { rowCount } = await db.query(sql, params);
      console.log(`  ${label}: ${(rowCount ?? 0).toLocaleString("en-US")} rows in ${seconds(started)} s`);
    };
    try {
      await db.query(`SET session_replication_role = replica`);
      await db.query(`SET maintenance_work_mem = '512MB'`);
      // Shops 1 … shops-1 besides the biggest; `n` is a shop's number, 0 the biggest.
      await run(
        "shops",
        `INSERT INTO "Shop" (id, domain, name, "timeZone")
       SELECT 'ls' || n, 'ledger-shop-' || n || '.myshopify.com', 'Ledger Shop ' || n,
              (ARRAY['UTC', 'America/New_York', 'Europe/Berlin', 'America/Los_Angeles'])[1 + n % 4]
         FROM generate_series(1, $1::int - 1) n`,
        [shops],
      );
      const shopOf = `CASE WHEN s.n = 0 THEN $1 ELSE 'ls' || s.n END`;
      const everyShop = (big: number, other: number) =>
        `(SELECT n, CASE WHEN n = 0 THEN ${big} ELSE ${other} END AS size FROM generate_series(0, $2::int - 1) n) s`;
      await run(
        "products",
        `INSERT INTO "Product" (id, "shopId", "shopifyProductId", title, handle, "updatedAt")
       SELECT 'lp' || s.n || '_' || k, ${shopOf}, '91' || s.n || '0' || k, 'Product ' || k, 'product-' || k, now()
         FROM ${everyShop(BIG.variants, OTHER.variants)}, generate_series(1, s.size) k`,
        [shopId, shops],
      );
      await run(
        "variants",
        `INSERT INTO "Variant" (id, "shopId", "productId", "shopifyVariantId", title, price, available, preorder, "updatedAt")
       SELECT 'lv' || s.n || '_' || k, ${shopOf}, 'lp' || s.n || '_' || k, '92' || s.n || '0' || k, 'Size ' || (k % 5),
              (20 + k % 80) || '.00', CASE WHEN k % 4 = 0 THEN 5 ELSE 0 END, k % 10 = 0, now()
         FROM ${everyShop(BIG.variants, OTHER.variants)}, generate_series(1, s.size) k`,
        [shopId, shops],
      );
      // Restock k of a shop happened k/size of 13 months ago; its alerts are the deliveries of that stretch.
      await run(
        "restocks",
        `INSERT INTO "Restock" (id, "shopId", "variantId", trigger, available, planned, "plannedAt", "createdAt")
       SELECT 'lr' || s.n || '_' || k, ${shopOf}, 'lv' || s.n || '_' || (1 + k % CASE WHEN s.n = 0 THEN ${BIG.variants} ELSE ${OTHER.variants} END),
              'INVENTORY', 5, 100, at, at
         FROM ${everyShop(BIG.restocks, OTHER.restocks)}, generate_series(0, s.size - 1) k,
              LATERAL (SELECT now() - k * interval '${DAYS} days' / s.size AS at) x`,
        [shopId, shops],
      );
      // Postscript's opt-ins for the biggest shop's customers: nine in ten replied Y, long ago.
      await run(
        "subscriber consents",
        `INSERT INTO "SubscriberConsent" (id, "shopId", phone, state, "optedInAt", "lastEventAt", "updatedAt")
       SELECT 'lc' || k, $1, '+1416' || lpad(k::text, 7, '0'), 'OPTED_IN', now() - interval '400 days',
              now() - interval '400 days', now() - interval '400 days'
         FROM generate_series(1, $2::int) k WHERE k % 10 <> 0`,
        [shopId, BIG.waitlist],
      );
      // With WaitlistEntry's triggers, as the app's writes: they keep its counts (WaitlistCount) and copy each
      // phone's consent, inserted just before.
      await db.query(`SET session_replication_role = origin`);
      await run(
        "waitlist entries",
        `INSERT INTO "WaitlistEntry" (id, "shopId", "variantId", "customerKey", phone, channel, status, "postscriptSync", "createdAt", "updatedAt")
       SELECT 'lw' || s.n || '_' || k, ${shopOf}, 'lv' || s.n || '_' || (1 + k % CASE WHEN s.n = 0 THEN ${BIG.variants} ELSE ${OTHER.variants} END),
              'k' || k, '+1416' || lpad(k::text, 7, '0'), CASE WHEN k % 7 = 0 THEN 'manual' ELSE 'storefront' END,
              (CASE WHEN k % 10 < 6 THEN 'WAITING' WHEN k % 10 < 9 THEN 'NOTIFIED' ELSE 'PURCHASED' END)::"WaitlistStatus",
              (CASE WHEN s.n = 0 THEN 'SYNCED' ELSE 'NOT_NEEDED' END)::"SyncStatus", at, at
         FROM ${everyShop(BIG.waitlist, OTHER.waitlist)}, generate_series(1, s.size) k,
              LATERAL (SELECT now() - (k % ${DAYS}) * interval '1 day' AS at) x`,
        [shopId, shops],
      );
      await db.query(`SET session_replication_role = replica`);

      const indexes = await db.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Delivery' AND indexname <> 'Delivery_pkey'`,
      );
      for (const { indexname } of indexes.rows) await db.query(`DROP INDEX "${indexname}"`);
      // Row g: the biggest shop's first `biggest` rows, evenly over 13 months; the rest to shop 1 + ⌊(shops-1)·u²⌋.
      await run(
        "deliveries",
        `INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone", properties,
         attempts, "lastAttemptAt", "deliveredAt", "responseStatus", error, "skipReason", "restockId", "waitlistEntryId",
         "createdAt", "updatedAt")
       SELECT 'ld' || g, shop.id, 'POSTSCRIPT', type.name, 'ld:' || g, state.status,
              CASE WHEN type.name LIKE 'back_in_stock%' THEN '+1416' || lpad(entry.k::text, 7, '0')
                   ELSE '+1415' || lpad((g % 9000000)::text, 7, '0') END,
              '{}'::jsonb, CASE WHEN state.status = 'SKIPPED' THEN 0 ELSE 1 END, CASE WHEN state.status <> 'SKIPPED' THEN t END,
              CASE WHEN state.status IN ('DELIVERED', 'UNCONFIRMED') THEN t END,
              CASE WHEN state.status = 'DELIVERED' THEN 200 WHEN state.status = 'FAILED' THEN 500 END,
              CASE WHEN state.status = 'FAILED' THEN 'Postscript answered 500 three times'
                   WHEN state.status = 'UNCONFIRMED' THEN 'No answer within 10 s' END,
              CASE WHEN state.status = 'SKIPPED' THEN 'customer has no phone and no email' END,
              CASE WHEN type.name LIKE 'back_in_stock%' THEN 'lr' || shop.n || '_' || floor(age * restocks / ${DAYS}) END,
              CASE WHEN type.name LIKE 'back_in_stock%' THEN 'lw' || shop.n || '_' || entry.k END,
              t, t
         FROM generate_series(1, $2::int) g,
              LATERAL (SELECT CASE WHEN g <= $3 THEN 0 ELSE 1 + floor(($4::int - 1) * random() ^ 2)::int END AS n) pick,
              LATERAL (SELECT pick.n, CASE WHEN pick.n = 0 THEN $1 ELSE 'ls' || pick.n END AS id,
                              CASE WHEN pick.n = 0 THEN ${BIG.restocks} ELSE ${OTHER.restocks} END AS restocks) shop,
              LATERAL (SELECT 1 + g % CASE WHEN pick.n = 0 THEN ${BIG.waitlist} ELSE ${OTHER.waitlist} END AS k) entry,
              LATERAL (SELECT CASE WHEN g <= $3 THEN ${DAYS} * (g - 1)::float / $3 ELSE ${DAYS} * random() END AS age) a,
              LATERAL (SELECT now() - age * interval '1 day' AS t) at,
              LATERAL (SELECT CASE WHEN g % 10 < 7 THEN 'back_in_stock_sms_alert' WHEN g % 10 = 7 THEN 'back_in_stock_sms_reminder'
                                   WHEN g % 10 = 8 THEN 'preorder_sms_confirmed' ELSE 'order_editing_started' END AS name) type,
              LATERAL (SELECT (CASE WHEN g % 50 = 0 THEN 'FAILED' WHEN g % 37 = 0 THEN 'SKIPPED' WHEN g % 101 = 0 THEN 'UNCONFIRMED'
                                    WHEN g % 997 = 0 AND age < 1 THEN 'RETRYING' ELSE 'DELIVERED' END)::"DeliveryStatus" AS status) state`,
        [shopId, deliveries, biggest, shops],
      );
      for (const { indexname, indexdef } of indexes.rows) {
        const started = performance.now();
        await db.query(indexdef);
        console.log(`  index ${indexname}: ${seconds(started)} s`);
      }
      const started = performance.now();
      // What autovacuum does to a table that has settled: statistics, and the visibility map index-only scans need.
      await db.query(`VACUUM ANALYZE`);
      console.log(`  VACUUM ANALYZE: ${seconds(started)} s`);
    } finally {
      await db.end();
    }
  }

  let started = performance.now();
  if (reuse) console.log(`reusing database ${reuse} as seeded (--deliveries, --shops and --biggest are ignored)`);
  else {
    console.log(
      `seeding ${deliveries.toLocaleString("en-US")} deliveries over ${shops.toLocaleString("en-US")} shops, ` +
        `${biggest.toLocaleString("en-US")} in the biggest …`,
    );
    await seed();
  }
  const seedSeconds = reuse ? "reused" : `${seconds(started)}s`;
  const [size] = await prisma.$queryRaw<{ table: string; indexes: string; rows: bigint }[]>`
  SELECT pg_size_pretty(pg_table_size('"Delivery"')) AS table, pg_size_pretty(pg_indexes_size('"Delivery"')) AS indexes,
         (SELECT count(*) FROM "Delivery" WHERE "shopId" = ${shopId}) AS rows`;
  console.log(
    `seed ${seedSeconds}; Delivery ${size!.table} + indexes ${size!.indexes}; the biggest shop holds ${Number(size!.rows).toLocaleString("en-US")} rows`,
  );

  // Where the time goes: the reads behind each page, in-process, for the biggest shop.
  const { listDeliveries } = await import("@/lib/deliveries/list-deliveries");
  const { getDeliveryTotals } = await import("@/lib/activity/get-delivery-totals");
  const { getDeliveryHealth } = await import("@/lib/diagnostics/get-delivery-health");
  const { getSetupProgress } = await import("@/lib/setup/get-setup-progress");
  const { CHECKS } = await import("@/lib/diagnostics/run-diagnostics");
  const { loadDiagnosticsContext } = await import("@/lib/diagnostics/load-diagnostics-context");
  const { listWaitlist } = await import("@/lib/back-in-stock/list-waitlist");
  const { listRecentRestocks } = await import("@/lib/back-in-stock/list-recent-restocks");
  const { getSupportShop } = await import("@/lib/support/get-support-shop");
  const { runDiagnostics } = await import("@/lib/diagnostics/run-diagnostics");
  const { getPostscriptConnection } = await import("@/lib/postscript-connection/get-postscript-connection");
  const { getSmsSettings } = await import("@/lib/sms-settings/get-sms-settings");
  const { getBackInStockSettings } = await import("@/lib/restock/get-back-in-stock-settings");
  const { listAuditEntries } = await import("@/lib/support/list-audit-entries");
  const { listFailedWebhooks } = await import("@/lib/support/list-failed-webhooks");
  const ctx = (await loadDiagnosticsContext(shopId, { live: false }))!;
  const reads: [string, () => Promise<unknown>][] = [
    ["listDeliveries (Activity)", () => listDeliveries(shopId)],
    ["listDeliveries, failed only", () => listDeliveries(shopId, { status: "FAILED" })],
    ["getDeliveryTotals (Overview)", () => getDeliveryTotals(shopId)],
    ["getDeliveryHealth (Overview)", () => getDeliveryHealth(shopId)],
    ["getSetupProgress (Overview)", () => getSetupProgress(shopId)],
    ...Object.entries(CHECKS).map(([id, check]): [string, () => Promise<unknown>] => [`check ${id}`, () => check(ctx)]),
    ["listWaitlist (Back in stock)", () => listWaitlist(shopId)],
    ["listRecentRestocks (Back in stock)", () => listRecentRestocks(shopId)],
    ["getSupportShop (support shop page)", () => getSupportShop(shopId)],
    // Each page's reads together, as the page runs them (in parallel through the pool of 10, then its streamed
    // diagnostics, or beside them): what the page waits for; the rest of its time is sign-in, layout and render.
    [
      "page: Overview's reads",
      async () => {
        const [, setupProgress] = await Promise.all([
          getPostscriptConnection(shopId),
          getSetupProgress(shopId),
          getDeliveryHealth(shopId),
          getDeliveryTotals(shopId),
          getSmsSettings(shopId),
        ]);
        await runDiagnostics(shopId, { live: false, setupProgress });
      },
    ],
    ["page: runDiagnostics alone", () => runDiagnostics(shopId, { live: false })],
    [
      "page: Back in stock's reads",
      () =>
        Promise.all([
          getSmsSettings(shopId),
          getBackInStockSettings(shopId),
          listWaitlist(shopId),
          listRecentRestocks(shopId),
        ]),
    ],
    [
      "page: support shop page's reads",
      async () => {
        // The diagnostics start beside the shop's data, as the page starts them.
        const view = getSupportShop(shopId);
        await Promise.all([
          view,
          listAuditEntries(shopId, { prefixes: ["postscript.", "key_health.", "support.key_reverified"], take: 20 }),
          listFailedWebhooks(shopId),
          runDiagnostics(shopId, { live: false, setupProgress: view.then((v) => v?.setup) }),
        ]);
      },
    ],
  ];
  console.log("reads behind the pages, in-process, median of 5 after 1 warm-up:");
  const breakdown: string[] = [];
  for (const [name, read] of reads) {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      started = performance.now();
      await read();
      if (i) times.push(performance.now() - started);
    }
    console.log(`  ${name.padEnd(44)} ${median(times).toFixed(1)} ms`);
    breakdown.push(`${name.replace(/^(check|page:) /, "").split(" ")[0]}=${median(times).toFixed(0)}`);
  }

  if (!hasFlag("no-build")) buildNext();
  standin = await createShopifyStandin({
    apiKey: process.env.SHOPIFY_API_KEY!,
    apiSecret: process.env.SHOPIFY_API_SECRET!,
    appUrl: `http://127.0.0.1:${port}`,
  }).listen(0);
  server = await startNext(
    port,
    appEnv(port, env.databaseUrl, {
      SHOPIFY_STANDIN_URL: standin.url,
      // Nothing here should call Postscript while rendering; if something did, it would fail fast, not hang.
      POSTSCRIPT_API_BASE_URL: "http://127.0.0.1:9/api/v2",
    }),
  );
  const shop = DEMO_SHOPS.northwindOutfitters;
  const merchant = await signInMerchant({
    standinUrl: standin.url,
    serverUrl: server.url,
    apiKey: process.env.SHOPIFY_API_KEY!,
    shopDomain: shop.domain,
    userId: shop.staff[0].id,
  });
  const agent = await signInSupportAgent(server.url, DEMO_SUPPORT_AGENT);
  console.log(`pages of the biggest shop, ${requests} requests each after 5 warm-up, pages in turn; load ${load()}`);
  const merchantPages = await timePages(
    server.url,
    merchant,
    [
      // The bound: a page of the same dashboard (sign-in, layout, streaming) that reads next to nothing.
      { name: "Settings (bound)", path: `/shops/${shopId}/settings`, expect: "Time zone" },
      { name: "Activity", path: `/shops/${shopId}/activity`, expect: "back_in_stock_sms_alert" },
      {
        name: "Activity, failed only",
        path: `/shops/${shopId}/activity?status=FAILED`,
        expect: "Postscript answered 500",
      },
      { name: "Overview", path: `/shops/${shopId}`, expect: "Events sent" },
      { name: "Back in stock", path: `/shops/${shopId}/back-in-stock`, expect: "Current waitlist" },
    ],
    { requests },
  );
  const supportPages = await timePages(
    server.url,
    agent,
    [
      { name: "Support: shop", path: `/support/shops/${shopId}`, expect: "Delivery ledger" },
      { name: "Support: ledger", path: `/support/shops/${shopId}/deliveries`, expect: "back_in_stock_sms_alert" },
    ],
    { requests },
  );
  const pages = [...merchantPages, ...supportPages];
  const bound = merchantPages[0]!.p50;
  const results: string[] = [];
  for (const page of pages) {
    console.log(
      `  ${page.name.padEnd(24)} p50 ${page.p50.toFixed(0)} ms (${(page.p50 / bound).toFixed(2)}× the bound), p90 ${page.p90.toFixed(0)} ms, max ${page.max.toFixed(0)} ms; ` +
        `first byte p50 ${page.firstByteP50.toFixed(0)} ms (goal: p50 < 200 ms)`,
    );
    results.push(`${page.name.replace(/[^A-Za-z]+/g, "-")}=p50:${page.p50.toFixed(0)}ms,p90:${page.p90.toFixed(0)}ms`);
  }
  console.log(`load after the pages: ${load()}`);
  console.log(
    `RESULT big-ledger deliveries=${deliveries} shops=${shops} biggest=${biggest} seed=${seedSeconds} table=${size!.table}+${size!.indexes} ${results.join(" ")} reads(ms):${breakdown.join(",")}`,
  );
} finally {
  await server?.stop();
  await standin?.close();
  await env.cleanup();
}

function load(): string {
  return execSync("uptime")
    .toString()
    .trim()
    .replace(/^.*load/, "load");
}
