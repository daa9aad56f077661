/**
 * Time and peak memory of a full catalog sync through a bulk query: N variants over 3 locations in the Shopify
 * stand-in → products, variants and levels in the database (JSONL streamed, written in batches of 500).
 *   tsx bench/catalog-sync.ts            # 5,000 variants
 *   tsx bench/catalog-sync.ts --full     # 48,000 variants
 *   tsx bench/catalog-sync.ts --n 20000
 * Creates and drops its own database on the local PostgreSQL (TEST_DATABASE_ADMIN_URL to change).
 */
import { argValue, hasFlag, startBenchEnvironment } from "./support/bench-environment";

const n = Number(argValue("n", hasFlag("full") ? "48000" : "5000"));

const env = await startBenchEnvironment("bench_catalog");
try {
  const { prisma } = await import("@/lib/db/prisma");
  const { env: appEnv } = await import("@/lib/env");
  const { createShopifyStandin } = await import("@/lib/shopify-standin/create-shopify-standin");
  const { catalogFromInput, generateStandinCatalog, standinCatalogSchema } =
    await import("@/lib/shopify-standin/standin-catalog");
  const { signSessionToken } = await import("@/lib/shopify-standin/sign-session-token");
  const { installFromSessionToken } = await import("@/lib/shopify/install-from-session-token");
  const { verifySessionToken } = await import("@/lib/shopify/verify-session-token");
  const { startCatalogSync } = await import("@/lib/catalog/start-catalog-sync");
  const { resumeBulkSync } = await import("@/lib/catalog/resume-bulk-sync");

  process.env.SHOPIFY_APP_URL = "http://127.0.0.1:9";
  const apiKey = process.env.SHOPIFY_API_KEY!;
  const apiSecret = process.env.SHOPIFY_API_SECRET!;
  const domain = "bench-catalog.myshopify.com";
  const owner = "93000001";
  const standin = createShopifyStandin({
    apiKey,
    apiSecret,
    appUrl: "http://127.0.0.1:9",
    stores: [
      {
        domain,
        name: "Bench Catalog",
        email: "owner@bench.test",
        currencyCode: "USD",
        ianaTimezone: "UTC",
        staff: [{ id: owner, email: "owner@bench.test", firstName: "B", lastName: "O", accountOwner: true }],
      },
    ],
  });
  const running = await standin.listen(0);
  process.env.SHOPIFY_STANDIN_URL = running.url;
  standin.state.install(domain, appEnv().SCOPES);
  const locations = [
    { id: "70000000001", name: "Main", fulfillsOnlineOrders: true },
    { id: "70000000002", name: "East", fulfillsOnlineOrders: true },
    { id: "70000000003", name: "Showroom", fulfillsOnlineOrders: false },
  ];
  standin.state.catalogs.set(
    domain,
    catalogFromInput(standinCatalogSchema.parse(generateStandinCatalog({ seed: 1, variants: n, locations }))),
  );
  const { shopId } = await installFromSessionToken(
    await verifySessionToken(await signSessionToken({ apiKey, apiSecret, shop: domain, userId: owner })),
  );
  console.log(`catalog-sync: ${n.toLocaleString("en-US")} variants × 3 locations, bulk query`);

  let peak = process.memoryUsage().rss;
  const before = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const syncId = await startCatalogSync(shopId, "FULL");
  const queued = performance.now();
  while (standin.state.bulkOperations.get(domain)?.status === "RUNNING") await new Promise((r) => setTimeout(r, 10));
  const ready = performance.now();
  const outcome = await resumeBulkSync(syncId);
  const seconds = (performance.now() - started) / 1_000;
  clearInterval(sampler);
  const sync = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
  const [variants, levels] = await Promise.all([
    prisma.variant.count({ where: { shopId } }),
    prisma.inventoryLevel.count({ where: { shopId } }),
  ]);
  if (outcome !== "applied" || sync.status !== "COMPLETED" || variants !== n || levels !== n * 3)
    throw new Error(`sync ${outcome}/${sync.status}: ${variants} variants, ${levels} levels`);
  const bytes = [...standin.state.bulkResults.values()].reduce((total, text) => total + Buffer.byteLength(text), 0);
  console.log(
    `  locations + count + bulk start: ${((queued - started) / 1000).toFixed(2)} s; stand-in bulk query: ${((ready - queued) / 1000).toFixed(2)} s; JSONL ${(bytes / 2 ** 20).toFixed(1)} MB`,
  );
  console.log(
    `  download + write: ${((performance.now() - ready) / 1000).toFixed(2)} s (${Math.round(n / ((performance.now() - ready) / 1000)).toLocaleString("en-US")} variants/s)`,
  );
  console.log(
    `RESULT catalog-sync n=${n} ${seconds.toFixed(2)} s end to end, ${variants} variants, ${levels} levels, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - before) / 2 ** 20).toFixed(0)} MB, stand-in in the same process)`,
  );
  await running.close();
} finally {
  await env.cleanup();
}
