import { describe, expect, it } from "vitest";
import { runJobsForShop } from "@/inngest/run-jobs-for-shop";
import { prisma } from "@/lib/db/prisma";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { getRestockProgress } from "./get-restock-progress";
import {
  addWaitlist,
  countByExternalId,
  createEngineShop,
  createEngineVariant,
  waitFor,
} from "./restock-test-fixtures";
import { startManualRestock } from "./start-manual-restock";

const sandbox = sandboxPerFile({ timeoutMs: 1_000 });

describe("startManualRestock", () => {
  it("sends to the waitlist whatever the stock, once, even when Send is double-clicked", async () => {
    const shop = await createEngineShop({ reminderEnabled: false, batchPerUnit: 1 });
    const variant = await createEngineVariant(shop.shopId, { available: 0 });
    await addWaitlist(shop.shopId, variant.id, 6);

    const clicks = await Promise.all([
      startManualRestock(shop.shopId, variant.id),
      startManualRestock(shop.shopId, variant.id),
    ]);
    expect(clicks[0]!.restockId).toBe(clicks[1]!.restockId);
    const third = await startManualRestock(shop.shopId, variant.id);
    expect(third.restockId).toBe(clicks[0]!.restockId);
    expect(await prisma.restock.findMany({ where: { variantId: variant.id } })).toMatchObject([
      { trigger: "MANUAL", available: 0 },
    ]);

    // Not batched: all six (batchPerUnit × 0 units would be nobody).
    await runJobsForShop(shop.shopId);
    await waitFor(async () => (await getRestockProgress(shop.shopId, third.restockId))?.delivered === 6);
    const counts = countByExternalId(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4) }));
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1, 1]);

    // After it finished, another Send is a new restock, with nobody left waiting.
    const later = await startManualRestock(shop.shopId, variant.id);
    expect(later.restockId).not.toBe(third.restockId);
    await runJobsForShop(shop.shopId);
    await waitFor(async () => (await getRestockProgress(shop.shopId, later.restockId))?.planned);
    expect(await getRestockProgress(shop.shopId, later.restockId)).toMatchObject({ total: 0 });
  });

  it("refuses a variant of another shop and an uninstalled shop", async () => {
    const shop = await createEngineShop();
    const other = await createEngineShop();
    const variant = await createEngineVariant(other.shopId);
    await expect(startManualRestock(shop.shopId, variant.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await createEngineVariant(shop.shopId);
    await prisma.shop.update({ where: { id: shop.shopId }, data: { uninstalledAt: new Date() } });
    await expect(startManualRestock(shop.shopId, own.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.restock.count({ where: { shopId: shop.shopId } })).toBe(0);
  });

  it("shows progress only to the shop that owns the restock", async () => {
    const shop = await createEngineShop();
    const variant = await createEngineVariant(shop.shopId);
    const { restockId } = await startManualRestock(shop.shopId, variant.id);
    expect(await getRestockProgress(shop.shopId, restockId)).not.toBeNull();
    expect(await getRestockProgress((await createEngineShop()).shopId, restockId)).toBeNull();
  });
});
