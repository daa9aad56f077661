/**
 * Dashboard: server render time of the setup and activity pages (and the Overview) for a shop holding 50,000
 * deliveries, against `next start`, signed in as the merchant; and each page's first-load JavaScript, gzipped.
 *   tsx bench/dashboard-render.ts                # 50,000 deliveries, 30 requests per page
 *   tsx bench/dashboard-render.ts --deliveries 200000 --requests 50 --no-build
 * Render time is the whole HTML answer, first byte to last (the pages stream); the pages are requested in turn
 * (bench/support/page-timing.ts), so each sees the same machine load. Goals: p50 < 150 ms, first-load
 * JS < 200 kB gzip.
 */
import { gzipSync } from "node:zlib";
import { argValue, hasFlag, startBenchEnvironment } from "./support/bench-environment";
import { connectPostscript } from "./support/connect-postscript";
import { appEnv, buildNext, startNext } from "./support/next-server";
import { signInMerchant, timePages } from "./support/page-timing";

const deliveries = Number(argValue("deliveries", "50000"));
const requests = Number(argValue("requests", "30"));
const port = Number(argValue("port", "3612"));

const env = await startBenchEnvironment("bench_dashboard");
const { prisma } = await import("@/lib/db/prisma");
const { seedDemo, DEMO_SHOPS } = await import("@/lib/db/seed-demo");
const { createShopifyStandin } = await import("@/lib/shopify-standin/create-shopify-standin");
const { EVENT_CATALOG } = await import("@/lib/setup/event-catalog");

const accounts = await seedDemo(prisma);
const shopId = accounts.shops.northwindOutfitters.id;

// A connected, verified Postscript shop: the pages render every section they would for a real merchant.
await connectPostscript(shopId, "sk_sandbox_bench_dashboard_0001");

// 50,000 deliveries over the last 90 days: mostly delivered alerts, some of every other type and outcome.
console.log(`inserting ${deliveries.toLocaleString("en-US")} deliveries …`);
const types = EVENT_CATALOG.map((e) => e.type);
await prisma.$executeRawUnsafe(
  `INSERT INTO "Delivery" (id, "shopId", provider, "eventType", "idempotencyKey", status, "recipientPhone", "recipientEmail",
     properties, attempts, "lastAttemptAt", "deliveredAt", "responseStatus", error, "skipReason", "createdAt", "updatedAt")
   SELECT 'bench_' || g, $1, 'POSTSCRIPT',
     CASE WHEN g % 10 < 7 THEN 'back_in_stock_sms_alert' ELSE ($2::text[])[1 + g % array_length($2::text[], 1)] END,
     $1 || ':bench:' || g,
     (CASE WHEN g % 50 = 0 THEN 'FAILED' WHEN g % 37 = 0 THEN 'SKIPPED' ELSE 'DELIVERED' END)::"DeliveryStatus",
     '+1415555' || lpad((g % 10000)::text, 4, '0'), 'customer' || (g % 20000) || '@example.com',
     jsonb_build_object('product_title', 'Trail Runner', 'variant_title', 'Size 9', 'product_url', 'https://example.com/p/' || g),
     1 + (g % 3 = 0)::int, t, CASE WHEN g % 50 = 0 OR g % 37 = 0 THEN NULL ELSE t END,
     CASE WHEN g % 37 = 0 THEN NULL WHEN g % 50 = 0 THEN 500 ELSE 200 END,
     CASE WHEN g % 50 = 0 THEN 'Postscript answered 500 three times' END,
     CASE WHEN g % 37 = 0 AND g % 50 <> 0 THEN 'customer has no phone and no email' END,
     t, t
   FROM generate_series(1, $3::int) AS g, LATERAL (SELECT now() - (g * interval '90 days' / $3::int) AS t) AS at`,
  shopId,
  types,
  deliveries,
);
await prisma.$executeRawUnsafe(`ANALYZE "Delivery"`);

if (!hasFlag("no-build")) buildNext();
// Merchants sign in through Shopify: a Shopify stand-in signs the session token and answers the token exchange.
const standin = await createShopifyStandin({
  apiKey: process.env.SHOPIFY_API_KEY!,
  apiSecret: process.env.SHOPIFY_API_SECRET!,
  appUrl: `http://127.0.0.1:${port}`,
}).listen(0);
const server = await startNext(
  port,
  appEnv(port, env.databaseUrl, {
    SHOPIFY_STANDIN_URL: standin.url,
    // Nothing here should call Postscript while rendering; if something did, it would fail fast, not hang.
    POSTSCRIPT_API_BASE_URL: "http://127.0.0.1:9/api/v2",
  }),
);

/**
 * The gzipped size of every script the page's HTML loads (what a first visit downloads before it is
 * interactive), as Next's build output counts it: without the polyfills only browsers without modules load.
 */
async function firstLoadJsKb(html: string): Promise<{ kb: number; files: number }> {
  const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((tag) => !/nomodule/i.test(tag));
  const sources = [
    ...new Set(tags.map((tag) => /src="([^"]+\.js[^"]*)"/.exec(tag)?.[1]).filter((src): src is string => Boolean(src))),
  ];
  let bytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
    bytes += gzipSync(body).length;
  }
  return { kb: bytes / 1000, files: sources.length };
}

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
    `dashboard render, ${deliveries.toLocaleString("en-US")} deliveries, ${requests} requests per page after 5 warm-up:`,
  );
  const pages = await timePages(
    server.url,
    cookie,
    [
      { name: "setup (Postscript setup)", path: `/shops/${shopId}/postscript` },
      { name: "activity", path: `/shops/${shopId}/activity` },
      { name: "overview", path: `/shops/${shopId}` },
    ],
    { requests },
  );
  const results: string[] = [];
  for (const page of pages) {
    const js = await firstLoadJsKb(page.html);
    console.log(
      `  ${page.name.padEnd(26)} first byte p50 ${page.firstByteP50.toFixed(0)} ms; whole page p50 ${page.p50.toFixed(0)} ms, p90 ${page.p90.toFixed(0)} ms, max ${page.max.toFixed(0)} ms; ` +
        `first-load JS ${js.kb.toFixed(1)} kB gzip in ${js.files} files (goals: p50 < 150 ms, JS < 200 kB)`,
    );
    results.push(`${page.name.split(" ")[0]}=p50:${page.p50.toFixed(0)}ms,js:${js.kb.toFixed(1)}kB`);
  }
  console.log(`RESULT dashboard-render deliveries=${deliveries} ${results.join(" ")}`);
} finally {
  await server.stop();
  await standin.close();
  await env.cleanup();
}
