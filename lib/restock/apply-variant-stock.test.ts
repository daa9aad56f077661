import { describe, expect, it } from "vitest";
import { runJobsForShop } from "@/inngest/run-jobs-for-shop";
import { prisma } from "@/lib/db/prisma";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { applyVariantStock } from "./apply-variant-stock";
import { getRestockProgress } from "./get-restock-progress";
import {
  addWaitlist,
  countByExternalId,
  createEngineShop,
  createEngineVariant,
  waitFor,
} from "./restock-test-fixtures";

const sandbox = sandboxPerFile({ timeoutMs: 1_000 });

const restocks = (variantId: string) => prisma.restock.findMany({ where: { variantId } });

/** Runs the shop's jobs (the fan-out the restock started, then the drainer) and checks every alert went out. */
async function delivered(shopId: string, restockId: string, total: number) {
  await runJobsForShop(shopId);
  return waitFor(async () => {
    const progress = await getRestockProgress(shopId, restockId);
    return progress && progress.delivered === total ? progress : null;
  });
}

describe("applyVariantStock", () => {
  it("detects a restock when stock crosses the threshold, and alerts the waitlist once", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const variant = await createEngineVariant(shop.shopId, { available: 0 });
    await addWaitlist(shop.shopId, variant.id, 5);

    const { restockId } = await applyVariantStock(variant.id, 3);
    expect(restockId).toEqual(expect.any(String));
    expect(await prisma.variant.findUnique({ where: { id: variant.id } })).toMatchObject({ available: 3 });
    expect(await prisma.restock.findUnique({ where: { id: restockId! } })).toMatchObject({
      trigger: "INVENTORY",
      available: 3,
    });
    const progress = await delivered(shop.shopId, restockId!, 5);
    expect(progress).toMatchObject({
      total: 5,
      delivered: 5,
      pending: 0,
      retrying: 0,
      failed: 0,
      skipped: 0,
      planned: true,
    });

    // More stock while in stock, or the same update again, is not a restock.
    expect(await applyVariantStock(variant.id, 7)).toEqual({ restockId: null });
    expect(await applyVariantStock(variant.id, 7)).toEqual({ restockId: null });
    expect(await restocks(variant.id)).toHaveLength(1);
    expect(countByExternalId(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) })).size).toBe(5);
  });

  it("makes one restock when webhooks for the same variant race", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const variant = await createEngineVariant(shop.shopId, { available: 0 });
    await addWaitlist(shop.shopId, variant.id, 3);
    const results = await Promise.all([5, 5, 6, 5, 7].map((n) => applyVariantStock(variant.id, n)));
    const created = results.flatMap((r) => (r.restockId ? [r.restockId] : []));
    expect(created).toHaveLength(1);
    expect(await restocks(variant.id)).toHaveLength(1);
    await delivered(shop.shopId, created[0]!, 3);
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) })).toHaveLength(3);
  });

  it("uses the shop's threshold, and ignores unpublished products and uninstalled shops", async () => {
    const shop = await createEngineShop({ threshold: 2 });
    const variant = await createEngineVariant(shop.shopId, { available: 0 });
    expect((await applyVariantStock(variant.id, 2)).restockId).toBeNull();
    expect((await applyVariantStock(variant.id, 3)).restockId).toEqual(expect.any(String));

    const hidden = await createEngineVariant(shop.shopId, { available: 0, published: false });
    expect((await applyVariantStock(hidden.id, 10)).restockId).toBeNull();
    expect(await prisma.variant.findUnique({ where: { id: hidden.id } })).toMatchObject({ available: 10 });

    const gone = await createEngineShop();
    const goneVariant = await createEngineVariant(gone.shopId, { available: 0 });
    await prisma.shop.update({ where: { id: gone.shopId }, data: { uninstalledAt: new Date() } });
    expect((await applyVariantStock(goneVariant.id, 10)).restockId).toBeNull();
  });

  it("detects the next restock after the variant sold out again", async () => {
    const shop = await createEngineShop();
    const variant = await createEngineVariant(shop.shopId, { available: 0 });
    expect((await applyVariantStock(variant.id, 4)).restockId).not.toBeNull();
    expect((await applyVariantStock(variant.id, 0)).restockId).toBeNull();
    expect((await applyVariantStock(variant.id, 1)).restockId).not.toBeNull();
    expect(await restocks(variant.id)).toHaveLength(2);
  });

  it("refuses an unknown variant and a stock that is not a whole number, changing nothing", async () => {
    await expect(applyVariantStock("missing", 3)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const shop = await createEngineShop();
    const variant = await createEngineVariant(shop.shopId, { available: 2 });
    await expect(applyVariantStock(variant.id, 2.5)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await prisma.variant.findUnique({ where: { id: variant.id } })).toMatchObject({ available: 2 });
  });
});
