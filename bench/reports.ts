/**
 * Reports: a shop with a big ledger — by default 100,000 deliveries and 10,000 orders; `--full` 1,000,000 and
 * 100,000 (the goal's size) — rolled up once (the backfill), then incrementally after 1,000 deliveries change,
 * then the Reports page rendered by `next start`, signed in as the merchant, for the last 30 and 90 days.
 *   tsx bench/reports.ts                      # small
 *   tsx bench/reports.ts --full --no-build    # 1,000,000 deliveries, 100,000 orders, an existing build
 *   tsx bench/reports.ts --deliveries 300000 --orders 30000 --requests 20
 * Goal: the page's p50 < 300 ms at 1,000,000 deliveries and 100,000 orders (whole HTML answer, first byte to last).
 * The page is timed in turn with the Settings page (same sign-in, layout and streaming, little to read) as a bound,
 * and its p50 is given as a ratio to the bound's: on a loaded machine the ratio holds where absolute times do not.
 */
import { argValue, hasFlag, median, startBenchEnvironment } from "./support/bench-environment";
import { appEnv, buildNext, startNext } from "./support/next-server";
import { signInMerchant, timePages } from "./support/page-timing";

const full = hasFlag("full");
const deliveries = Number(argValue("deliveries", full ? "1000000" : "100000"));
const orders = Number(argValue("orders", full ? "100000" : "10000"));
const requests = Number(argValue("requests", "30"));
const port = Number(argValue("port", "3613"));
const VARIANTS = 200;

const env = await startBenchEnvironment("bench_reports");
const { prisma } = await import("@/lib/db/prisma");
const { seedDemo, DEMO_SHOPS } = await import("@/lib/db/seed-demo");
const { createShopifyStandin } = await import("@/lib/shopify-standin/create-shopify-standin");
const { rollUpReports } = await import("@/lib/reports/roll-up-reports");
const { getShopReport } = await import("@/lib/reports/get-shop-report");
const { resolveReportRange } = await import("@/lib/reports/report-range");

const accounts = await seedDemo(prisma);
const shopId = accounts.shops.northwindOutfitters.id;
const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

let started = performance.now();
console.log(
  `seeding ${VARIANTS} variants, ${deliveries.toLocaleString("en-US")} deliveries, ${orders.toLocaleString("en-US")} orders over 90 days …`,
);
await prisma.$executeRawUnsafe(
  `INSERT INTO "Product" (id, "shopId", "shopifyProductId", title, handle, "updatedAt")
   SELECT 'bp_' || g, $1, '9100' || g, 'Bench Product ' || g, 'bench-product-' || g, now() FROM generate_series(1, $2::int) g`,
  shopId,
  VARIANTS,
);
await prisma.$executeRawUnsafe(
  `INSERT INTO "Variant" (id, "shopId", "productId", "shopifyVariantId", title, price, available, preorder, "updatedAt")
   SELECT 'bv_' || g, $1, 'bp_' || g, '9200' || g, 'Size ' || (g % 5), (20 + g % 80) || '.00', CASE WHEN g % 4 = 0 THEN 5 ELSE 0 END, g % 10 = 0, now()
     FROM generate_series(1, $2::int) g`,
  shopId,
  VARIANTS,
);
await prisma.$executeRawUnsafe(
  `INSERT INTO "Restock" (id, "shopId", "variantId", trigger, available, "createdAt")
   SELECT 'br_' || g, $1, 'bv_' || (1 + g % $2::int), 'INVENTORY', 5, now() - (g % 90) * interval '1 day' FROM generate_series(1, 1000) g`,
  shopId,
  VARIANTS,
);
// Mostly delivered alerts of those restocks; reminders, preorder confirmations and editing events besides.
await prisma.$executeRawUnsafe(
  `INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone", properties, "restockId",
     "deliveredAt", "skipReason", "createdAt", "updatedAt")
   SELECT 'bd_' || g, $1, 'POSTSCRIPT',
     CASE WHEN g % 10 < 7 THEN 'back_in_stock_sms_alert' WHEN g % 10 = 7 THEN 'back_in_stock_sms_reminder' WHEN g % 10 = 8 THEN 'preorder_sms_confirmed' ELSE 'order_editing_started' END,
     'bd:' || g,
     (CASE WHEN g % 50 = 0 THEN 'FAILED' WHEN g % 37 = 0 THEN 'SKIPPED' WHEN g % 101 = 0 THEN 'UNCONFIRMED' ELSE 'DELIVERED' END)::"DeliveryStatus",
     '+1415' || lpad((g % 5000000)::text, 7, '0'), '{}'::jsonb,
     CASE WHEN g % 10 < 8 THEN 'br_' || (1 + g % 1000) END,
     CASE WHEN g % 50 <> 0 AND g % 37 <> 0 AND g % 101 <> 0 THEN t END,
     CASE WHEN g % 37 = 0 AND g % 50 <> 0 THEN 'customer has no phone and no email' END,
     t, t
   FROM generate_series(1, $2::int) g, LATERAL (SELECT now() - (g * interval '90 days' / $2::int) AS t) x`,
  shopId,
  deliveries,
);
// Every row is stamped as last changed when it happened, as most of a real ledger is (the rollup's watermark reads it).
// Orders with one line each; a tenth recovered after an alert, a twentieth preorders (credited as orders/create would).
await prisma.$executeRawUnsafe(
  `INSERT INTO "Order" (id, "shopId", "shopifyOrderId", name, phone, "lineItems", "placedAt", currency, "totalPrice", "createdAt")
   SELECT 'bo_' || g, $1, '9300' || g, '#' || (1000 + g), '+1415' || lpad((g % 5000000)::text, 7, '0'),
     jsonb_build_array(jsonb_build_object('variantId', 'bv_' || (1 + g % ${VARIANTS}), 'title', 'Bench Product', 'quantity', 1, 'price', '40.00')),
     t, 'USD', '40.00', t
   FROM generate_series(1, $2::int) g, LATERAL (SELECT now() - (g * interval '90 days' / $2::int) AS t) x`,
  shopId,
  orders,
);
await prisma.$executeRawUnsafe(
  `INSERT INTO "ReportAttribution" (id, "shopId", "orderId", kind, "variantId", quantity, revenue, "deliveryId", "alertedAt", "orderedAt", "updatedAt")
   SELECT 'ba_' || o.id, $1, o.id, CASE WHEN g % 20 = 0 THEN 'PREORDER' ELSE 'RESTOCK_ALERT' END::"AttributionKind", 'bv_' || (1 + g % ${VARIANTS}), 1, 40.00,
     CASE WHEN g % 20 <> 0 THEN 'bd_' || g END, CASE WHEN g % 20 <> 0 THEN o."placedAt" - interval '5 hours' END, o."placedAt", o."placedAt"
     FROM generate_series(1, $2::int) g JOIN "Order" o ON o.id = 'bo_' || g
    WHERE g % 10 = 0 OR g % 20 = 0`,
  shopId,
  orders,
);
await prisma.$executeRawUnsafe(
  `INSERT INTO "WaitlistEntry" (id, "shopId", "variantId", "customerKey", phone, channel, status, "createdAt", "updatedAt")
   SELECT 'bw_' || g, $1, 'bv_' || (1 + g % ${VARIANTS}), 'k' || g, '+1416' || lpad(g::text, 7, '0'), CASE WHEN g % 7 = 0 THEN 'manual' ELSE 'storefront' END,
     (CASE WHEN g % 3 = 0 THEN 'NOTIFIED' ELSE 'WAITING' END)::"WaitlistStatus", now() - (g % 90) * interval '1 day', now() - (g % 90) * interval '1 day'
     FROM generate_series(1, $2::int) g`,
  shopId,
  orders,
);
await prisma.$executeRawUnsafe(
  `INSERT INTO "ReportClick" (id, "shopId", "restockId", "variantId", "createdAt")
   SELECT 'bc_' || g, $1, 'br_' || (1 + g % 1000), 'bv_' || (1 + (1 + g % 1000) % ${VARIANTS}), now() - (g % 90) * interval '1 day' - (g % 1440) * interval '1 minute'
     FROM generate_series(1, $2::int) g`,
  shopId,
  Math.round(deliveries / 20),
);
await prisma.$executeRawUnsafe(`ANALYZE`);
console.log(`  seeded in ${seconds(started)} s`);

started = performance.now();
const backfill = await rollUpReports();
const backfillSeconds = seconds(started);
console.log(
  `backfill rollup (first run, every day of the shop): ${backfillSeconds} s, ${backfill.days} days, ${backfill.rows} rows`,
);
// The report tables were empty at the ANALYZE above; a running database's autovacuum would have analysed them since.
await prisma.$executeRawUnsafe(`ANALYZE "ReportDay", "ReportWaiting"`);

// The steady state: a minute's worth of changes (1,000 deliveries of today changing status), then the next run.
await prisma.$executeRawUnsafe(
  `UPDATE "Delivery" SET status = 'DELIVERED', "deliveredAt" = now(), "updatedAt" = now() WHERE id IN (SELECT 'bd_' || g FROM generate_series(1, 1000) g)`,
);
const incremental: number[] = [];
let lastDays = 0;
for (let i = 0; i < 5; i++) {
  started = performance.now();
  lastDays = (await rollUpReports()).days;
  incremental.push(performance.now() - started);
}
console.log(
  `incremental rollup after 1,000 changed deliveries: median ${median(incremental).toFixed(0)} ms (${lastDays} days recomputed)`,
);

// The report read itself, in-process (no HTTP, no React): what the page waits for.
const range90 = resolveReportRange({ range: "90" }, "UTC");
const reads: number[] = [];
for (let i = 0; i < 10; i++) {
  started = performance.now();
  await getShopReport(shopId, range90);
  reads.push(performance.now() - started);
}
console.log(`getShopReport, last 90 days, in-process: median ${median(reads).toFixed(0)} ms`);

if (!hasFlag("no-build")) buildNext();
const standin = await createShopifyStandin({
  apiKey: process.env.SHOPIFY_API_KEY!,
  apiSecret: process.env.SHOPIFY_API_SECRET!,
  appUrl: `http://127.0.0.1:${port}`,
}).listen(0);
const server = await startNext(
  port,
  appEnv(port, env.databaseUrl, {
    SHOPIFY_STANDIN_URL: standin.url,
    POSTSCRIPT_API_BASE_URL: "http://127.0.0.1:9/api/v2",
  }),
);

try {
  const shop = DEMO_SHOPS.northwindOutfitters;
  const cookie = await signInMerchant({
    standinUrl: standin.url,
    serverUrl: server.url,
    apiKey: process.env.SHOPIFY_API_KEY!,
    shopDomain: shop.domain,
    userId: shop.staff[0].id,
  });
  console.log(
    `Reports page, ${deliveries.toLocaleString("en-US")} deliveries and ${orders.toLocaleString("en-US")} orders, ${requests} requests per page after 5 warm-up, pages in turn:`,
  );
  // The bound: a page of the same dashboard (same sign-in, layout and streaming) with little of its own to read.
  const [bound, ...reports] = await timePages(
    server.url,
    cookie,
    [
      { name: "Settings (bound)", path: `/shops/${shopId}/settings`, expect: "Time zone" },
      { name: "last 30 days", path: `/shops/${shopId}/reports?range=30`, expect: "Recovered revenue" },
      { name: "last 90 days", path: `/shops/${shopId}/reports?range=90`, expect: "Recovered revenue" },
    ],
    { requests },
  );
  const kb = (html: string) => (Buffer.byteLength(html) / 1000).toFixed(0);
  console.log(
    `  ${bound!.name.padEnd(18)} p50 ${bound!.p50.toFixed(0)} ms, p90 ${bound!.p90.toFixed(0)} ms, max ${bound!.max.toFixed(0)} ms; HTML ${kb(bound!.html)} kB`,
  );
  const results: string[] = [];
  for (const page of reports) {
    const ratio = page.p50 / bound!.p50;
    console.log(
      `  ${page.name.padEnd(18)} p50 ${page.p50.toFixed(0)} ms (${ratio.toFixed(2)}× the bound), p90 ${page.p90.toFixed(0)} ms, max ${page.max.toFixed(0)} ms; ` +
        `first byte p50 ${page.firstByteP50.toFixed(0)} ms; HTML ${kb(page.html)} kB (goal: p50 < 300 ms)`,
    );
    results.push(`${page.name.split(" ")[1]}d=p50:${page.p50.toFixed(0)}ms,x${ratio.toFixed(2)}`);
  }
  console.log(
    `RESULT reports deliveries=${deliveries} orders=${orders} bound=p50:${bound!.p50.toFixed(0)}ms ${results.join(" ")} read=${median(reads).toFixed(0)}ms backfill=${backfillSeconds}s incremental=${median(incremental).toFixed(0)}ms`,
  );
} finally {
  await server.stop();
  await standin.close();
  await env.cleanup();
}
