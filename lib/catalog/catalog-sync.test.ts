import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { processShopifyWebhook } from "@/lib/shopify/process-shopify-webhook";
import { syncInventoryLevel } from "@/lib/shopify/sync-inventory-level";
import { storeWebhookEvent } from "@/lib/shopify/webhook-test-helpers";
import {
  catalogFromInput,
  generateStandinCatalog,
  standinCatalogSchema,
  type StandinLocation,
} from "@/lib/shopify-standin/standin-catalog";
import { startTestShopifyStandin } from "@/lib/testing/start-test-shopify-standin";
import { FIRST_SYNC_AFTER_MS } from "@/lib/shopify/install-shop";
import { checkShopCatalog } from "./check-shop-catalog";
import { readFixes } from "./read-fixes";
import { resumeBulkSync } from "./resume-bulk-sync";
import { BULK_POLL_AFTER_MS, BULK_THRESHOLD, STALLED_AFTER_MS, startCatalogSync } from "./start-catalog-sync";

let standin: Awaited<ReturnType<typeof startTestShopifyStandin>>;
let seed = 1;

beforeAll(async () => {
  standin = await startTestShopifyStandin();
});
afterEach(() => standin.state.setFaults({ down: false, throttle: false }));
afterAll(() => standin.close());

// Three locations, one of which (the wholesale store) does not fulfil online orders.
const locations = (base: number): StandinLocation[] => [
  { id: String(base + 1), name: "Main warehouse", fulfillsOnlineOrders: true },
  { id: String(base + 2), name: "East warehouse", fulfillsOnlineOrders: true },
  { id: String(base + 3), name: "Wholesale showroom", fulfillsOnlineOrders: false },
];

/** An installed shop whose stand-in store has a generated catalog of `variants` variants over three locations. */
async function shopWithCatalog(variants: number) {
  const store = standin.installedStore();
  const s = seed++ + Math.floor(Math.random() * 1000) * 10;
  const locs = locations(70_000_000_000 + s * 10);
  const input = standinCatalogSchema.parse(generateStandinCatalog({ seed: s, variants, locations: locs }));
  standin.state.catalogs.set(store.domain, catalogFromInput(input));
  const { installFromSessionToken } = await import("@/lib/shopify/install-from-session-token");
  const { verifySessionToken } = await import("@/lib/shopify/verify-session-token");
  const { shopId } = await installFromSessionToken(
    await verifySessionToken(await standin.sessionToken(store.domain, store.owner)),
  );
  return { shopId, store, input, locs };
}

/** Waits for the stand-in's bulk query to finish, then delivers its bulk_operations/finish as the app receives it. */
async function deliverBulkFinish(shop: { id: string; domain: string }) {
  const deadline = Date.now() + 10_000;
  while (standin.state.bulkOperations.get(shop.domain)?.status === "RUNNING") {
    if (Date.now() > deadline) throw new Error("bulk query did not finish");
    await new Promise((r) => setTimeout(r, 20));
  }
  const sent = standin.state.webhooks
    .filter((w) => w.topic === "bulk_operations/finish" && w.shop === shop.domain)
    .at(-1);
  expect(sent).toBeDefined();
  const event = await storeWebhookEvent(shop, "bulk_operations/finish", sent!.payload);
  return processShopifyWebhook(event.id);
}

/** What the stand-in says a variant's stock is at the locations that sell online. */
function expectedStock(
  input: ReturnType<typeof standinCatalogSchema.parse>,
  locs: StandinLocation[],
  inventoryItemId: string,
) {
  const online = new Set(locs.filter((l) => l.fulfillsOnlineOrders).map((l) => l.id));
  return input.levels
    .filter(([item, loc]) => item === inventoryItemId && online.has(loc))
    .reduce((n, [, , a]) => n + a, 0);
}

describe("catalog sync", () => {
  it("syncs 5,000 variants over 3 locations by a bulk query: counted, stocked at online locations only", async () => {
    const { shopId, store, input, locs } = await shopWithCatalog(5000);
    const started = Date.now();
    const syncId = await startCatalogSync(shopId, "FULL");
    const waiting = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
    expect(waiting).toMatchObject({ mode: "BULK", status: "WAITING_BULK", totalVariants: 5000, syncedVariants: 0 });

    const result = await deliverBulkFinish({ id: shopId, domain: store.domain });
    expect(result.outcome).toBe("processed");
    const done = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
    console.info(`[bench] 5,000 variants × 3 locations synced in ${Date.now() - started} ms`);
    expect(done).toMatchObject({ status: "COMPLETED", syncedVariants: 5000, totalVariants: 5000, error: null });
    expect(readFixes(done.fixes)).toMatchObject({ variantsCreated: 5000, productsCreated: 500, restocks: 0 });

    expect(await prisma.variant.count({ where: { shopId } })).toBe(5000);
    expect(await prisma.product.count({ where: { shopId } })).toBe(500);
    expect(await prisma.inventoryLevel.count({ where: { shopId } })).toBe(15000);
    expect(
      await prisma.location.findMany({
        where: { shopId },
        orderBy: { shopifyLocationId: "asc" },
        select: { name: true, fulfillsOnlineOrders: true },
      }),
    ).toEqual(locs.map((l) => ({ name: l.name, fulfillsOnlineOrders: l.fulfillsOnlineOrders })));
    for (const index of [0, 1, 2, 3, 4, 6, 999, 4999]) {
      const v = input.products[Math.floor(index / 10)]!.variants[index % 10]!;
      const row = await prisma.variant.findUniqueOrThrow({
        where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: v.id } },
      });
      expect({ id: row.shopifyVariantId, item: row.inventoryItemId, available: row.available, sku: row.sku }).toEqual({
        id: v.id,
        item: v.inventoryItemId,
        available: expectedStock(input, locs, v.inventoryItemId),
        sku: v.sku,
      });
    }
    // Ids stay strings (13-digit ids here; gids never reach the database).
    const sample = await prisma.variant.findFirstOrThrow({ where: { shopId } });
    expect(sample.shopifyVariantId).toMatch(/^\d{13,}$/);
    expect(await prisma.auditLog.count({ where: { shopId, action: "catalog.synced" } })).toBe(1);
  }, 120_000);

  it("a bulk sync whose bulk_operations/finish never arrives is finished by asking Shopify (the sweep's poll)", async () => {
    const { shopId, store } = await shopWithCatalog(BULK_THRESHOLD + 50);
    const syncId = await startCatalogSync(shopId, "FULL");
    expect(await resumeBulkSync(syncId)).toMatch(/still_running|applied/);
    while (standin.state.bulkOperations.get(store.domain)?.status === "RUNNING")
      await new Promise((r) => setTimeout(r, 20));
    const outcome =
      (await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } })).status === "COMPLETED"
        ? "applied"
        : await resumeBulkSync(syncId);
    expect(outcome).toBe("applied");
    expect(await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } })).toMatchObject({
      status: "COMPLETED",
      syncedVariants: BULK_THRESHOLD + 50,
    });
    expect(await prisma.variant.count({ where: { shopId } })).toBe(BULK_THRESHOLD + 50);
    // The webhook arriving late afterwards changes nothing.
    const late = standin.state.webhooks
      .filter((w) => w.topic === "bulk_operations/finish" && w.shop === store.domain)
      .at(-1)!;
    const event = await storeWebhookEvent({ id: shopId, domain: store.domain }, "bulk_operations/finish", late.payload);
    expect((await processShopifyWebhook(event.id)).detail).toMatchObject({ syncId, outcome: "not_waiting" });
  }, 60_000);

  it("reads a small catalog in pages at once, and a second start while nothing runs syncs again without changes", async () => {
    const { shopId, input, locs } = await shopWithCatalog(60);
    expect(60).toBeLessThanOrEqual(BULK_THRESHOLD);
    const graphqlBefore = standin.state.calls.graphql;
    const syncId = await startCatalogSync(shopId, "FULL");
    const done = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
    expect(done).toMatchObject({ mode: "PAGED", status: "COMPLETED", syncedVariants: 60, totalVariants: 60 });
    // locations, count, and two pages of 50.
    expect(standin.state.calls.graphql - graphqlBefore).toBeGreaterThanOrEqual(4);
    const v = input.products[5]!.variants[4]!;
    const row = await prisma.variant.findUniqueOrThrow({
      where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: v.id } },
    });
    expect(row.available).toBe(expectedStock(input, locs, v.inventoryItemId));

    const again = await startCatalogSync(shopId, "RECONCILE");
    expect(again).not.toBe(syncId);
    const fixes = readFixes((await prisma.catalogSync.findUniqueOrThrow({ where: { id: again } })).fixes);
    expect(fixes).toMatchObject({
      variantsCreated: 0,
      variantsUpdated: 0,
      stockCorrected: 0,
      levelsCorrected: 0,
      variantsDeleted: 0,
    });
    expect(await prisma.auditLog.count({ where: { shopId, action: "catalog.reconciled" } })).toBe(0);
  }, 60_000);

  it("waits for a bucket emptied elsewhere to refill, THROTTLED at most once, and finishes", async () => {
    const { shopId, store } = await shopWithCatalog(40);
    // Leave the bucket a little short of one page's cost (spent around the shop's cost budget): the sync learns
    // it from throttleStatus (at the latest from one THROTTLED answer) and waits in the budget until it refills.
    standin.state.spend(store.domain, 2000 - 700);
    const throttled = standin.state.calls.throttled;
    const syncId = await startCatalogSync(shopId, "FULL");
    expect(standin.state.calls.throttled - throttled).toBeLessThanOrEqual(1);
    expect(await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } })).toMatchObject({
      status: "COMPLETED",
      syncedVariants: 40,
    });
  }, 60_000);

  it("a failed sync keeps its reason and the next start resumes the same sync", async () => {
    const { shopId } = await shopWithCatalog(60);
    // A tiny budget: a page of variants costs more than one query may, so Shopify refuses it.
    standin.state.setFaults({ throttle: true });
    await expect(startCatalogSync(shopId, "FULL")).rejects.toThrow(/Shopify refused/);
    const failed = await prisma.catalogSync.findFirstOrThrow({ where: { shopId }, orderBy: { startedAt: "desc" } });
    expect(failed).toMatchObject({ status: "FAILED", syncedVariants: 0 });
    expect(failed.error).toMatch(/cost/);
    expect(await prisma.variant.count({ where: { shopId } })).toBe(0);

    standin.state.setFaults({ throttle: false });
    expect(await startCatalogSync(shopId, "FULL")).toBe(failed.id);
    expect(await prisma.catalogSync.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "COMPLETED",
      syncedVariants: 60,
      error: null,
    });
    expect(await prisma.variant.count({ where: { shopId } })).toBe(60);
  }, 60_000);

  it("nightly reconciliation heals a missed inventory webhook and a deleted variant, records it, and restocks once", async () => {
    const { shopId, store, input, locs } = await shopWithCatalog(30);
    await startCatalogSync(shopId, "FULL");
    // Variant 0 is sold out everywhere (every 7th is). Shopify restocks it at an online location; the webhook is lost.
    const soldOut = input.products[0]!.variants[0]!;
    expect(
      (
        await prisma.variant.findUniqueOrThrow({
          where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: soldOut.id } },
        })
      ).available,
    ).toBe(0);
    const res = await fetch(`${standin.url}/standin/stores/${store.domain}/inventory`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        inventoryItemId: soldOut.inventoryItemId,
        locationId: locs[1]!.id,
        available: 9,
        webhook: false,
      }),
    });
    expect(res.status).toBe(200);
    expect(
      standin.state.webhooks.filter((w) => w.topic === "inventory_levels/update" && w.shop === store.domain),
    ).toHaveLength(0);
    // And a variant is deleted in Shopify (products/update lost too).
    const catalog = standin.state.catalog(store.domain);
    const gone = catalog.products[2]!.variants.pop()!;

    const syncId = await startCatalogSync(shopId, "RECONCILE");
    const sync = await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } });
    expect(sync.status).toBe("COMPLETED");
    const fixes = readFixes(sync.fixes);
    expect(fixes).toMatchObject({ stockCorrected: 1, levelsCorrected: 1, variantsDeleted: 1, restocks: 1 });
    expect(fixes.sample).toContain(`variant ${soldOut.id}: stock 0 → 9`);
    const healed = await prisma.variant.findUniqueOrThrow({
      where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: soldOut.id } },
    });
    expect(healed.available).toBe(9);
    expect(await prisma.restock.count({ where: { variantId: healed.id, trigger: "INVENTORY" } })).toBe(1);
    expect(await prisma.variant.count({ where: { shopId, shopifyVariantId: gone.id } })).toBe(0);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { shopId, action: "catalog.reconciled" } });
    expect(audit.metadata).toMatchObject({ syncId, stockCorrected: 1, variantsDeleted: 1 });

    // Running it again finds nothing to fix and makes no second restock.
    const second = await startCatalogSync(shopId, "RECONCILE");
    expect(readFixes((await prisma.catalogSync.findUniqueOrThrow({ where: { id: second } })).fixes)).toMatchObject({
      stockCorrected: 0,
      restocks: 0,
    });
    expect(await prisma.restock.count({ where: { variantId: healed.id } })).toBe(1);
  }, 60_000);
});

describe("stock across locations", () => {
  it("a restock across locations is detected once; the non-selling location never counts", async () => {
    const { shopId, input, locs } = await shopWithCatalog(20);
    await startCatalogSync(shopId, "FULL");
    const v = input.products[0]!.variants[7]!; // the 8th variant: index 7, sold out everywhere
    const variant = await prisma.variant.findUniqueOrThrow({
      where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: v.id } },
    });
    expect(variant.available).toBe(0);
    const level = (locationId: string, available: number) =>
      syncInventoryLevel(shopId, {
        inventory_item_id: v.inventoryItemId,
        location_id: locationId,
        available,
        updated_at: null,
      });

    // Stock arriving at the wholesale showroom (does not sell online): no stock, no restock.
    expect((await level(locs[2]!.id, 40)).variants[0]).toMatchObject({ available: 0, restockId: null });
    const first = await level(locs[0]!.id, 5);
    expect(first.variants[0]).toMatchObject({ available: 5, restockId: expect.any(String) });
    const second = await level(locs[1]!.id, 3);
    expect(second.variants[0]).toMatchObject({ available: 8, restockId: null });
    expect(await prisma.restock.count({ where: { variantId: variant.id } })).toBe(1);

    // The merchant counts the showroom too: its 40 count from the next update on.
    await prisma.location.update({
      where: { shopId_shopifyLocationId: { shopId, shopifyLocationId: locs[2]!.id } },
      data: { sellsOnline: true },
    });
    expect((await level(locs[0]!.id, 6)).variants[0]).toMatchObject({ available: 49, restockId: null });
  }, 60_000);
});

describe("the per-shop catalog check (on install, and while a sync is under way)", () => {
  it("an install queues the shop's check; the check starts the first sync, which queues its own follow-up", async () => {
    const before = Date.now();
    const { shopId } = await shopWithCatalog(20);
    const onInstall = await prisma.job.findFirstOrThrow({
      where: { name: "check-shop-catalog", data: { path: ["shopId"], equals: shopId } },
    });
    expect(onInstall.runAt.getTime()).toBeGreaterThanOrEqual(before + FIRST_SYNC_AFTER_MS);
    expect(await prisma.catalogSync.count({ where: { shopId } })).toBe(0);

    expect(await checkShopCatalog(shopId, { reconcile: false })).toEqual({ outcome: "started", checkAgainInMs: null });
    expect(await prisma.catalogSync.findFirstOrThrow({ where: { shopId } })).toMatchObject({ status: "COMPLETED" });
    // The paged sync asked to be looked at once it could count as stalled.
    const followUp = await prisma.job.findFirstOrThrow({
      where: { name: "check-shop-catalog", data: { path: ["shopId"], equals: shopId } },
      orderBy: { runAt: "desc" },
    });
    expect(followUp.runAt.getTime()).toBeGreaterThanOrEqual(before + STALLED_AFTER_MS);
    expect(followUp.runAt.getTime()).toBeLessThanOrEqual(Date.now() + STALLED_AFTER_MS + 2_000);
    // That follow-up finds the sync done, and does nothing.
    expect(await checkShopCatalog(shopId, { reconcile: false })).toEqual({ outcome: "nothing", checkAgainInMs: null });
  });

  it("a bulk query is polled once its finish webhook is late, and polled again while Shopify still runs it", async () => {
    const { shopId, store } = await shopWithCatalog(BULK_THRESHOLD + 10);
    const syncId = await startCatalogSync(shopId, "FULL");
    const waiting = await checkShopCatalog(shopId, { reconcile: false });
    expect(waiting.outcome).toBe("nothing");
    expect(waiting.checkAgainInMs).toBeGreaterThan(BULK_POLL_AFTER_MS - 5_000);
    expect(waiting.checkAgainInMs).toBeLessThanOrEqual(BULK_POLL_AFTER_MS);
    // Shopify still runs the query when the check comes (its finish webhook is never delivered here).
    while (standin.state.bulkOperations.get(store.domain)?.status === "RUNNING")
      await new Promise((r) => setTimeout(r, 20));
    const finished = standin.state.bulkOperations.get(store.domain)!;
    standin.state.bulkOperations.set(store.domain, { ...finished, status: "RUNNING", url: null });
    const later = () => new Date(Date.now() + BULK_POLL_AFTER_MS + 1_000);
    expect(await checkShopCatalog(shopId, { reconcile: false, now: later() })).toEqual({
      outcome: "resumed",
      checkAgainInMs: BULK_POLL_AFTER_MS,
    });
    expect((await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } })).status).toBe("WAITING_BULK");
    // Done by the next check: the result is applied and nothing more is scheduled.
    standin.state.bulkOperations.set(store.domain, finished);
    expect(await checkShopCatalog(shopId, { reconcile: false, now: later() })).toEqual({
      outcome: "resumed",
      checkAgainInMs: null,
    });
    expect(await prisma.catalogSync.findUniqueOrThrow({ where: { id: syncId } })).toMatchObject({
      status: "COMPLETED",
      syncedVariants: BULK_THRESHOLD + 10,
    });
  });

  it("an uninstalled shop is left alone", async () => {
    const { shopId } = await shopWithCatalog(5);
    await prisma.shop.update({ where: { id: shopId }, data: { uninstalledAt: new Date() } });
    expect(await checkShopCatalog(shopId, { reconcile: true })).toEqual({ outcome: "nothing", checkAgainInMs: null });
    expect(await prisma.catalogSync.count({ where: { shopId } })).toBe(0);
  });
});
