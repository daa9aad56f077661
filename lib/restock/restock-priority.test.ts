import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { applyVariantStock } from "./apply-variant-stock";
import { addWaitlist, createEngineShop, createEngineVariant } from "./restock-test-fixtures";
import { restockPriority, SMALL_RESTOCK_PRIORITY_S, SMALL_RESTOCK_WAITING } from "./restock-priority";

describe("restockPriority", () => {
  it("puts a restock of at most SMALL_RESTOCK_WAITING waiting customers ahead; counts only those still waiting", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const [small, big, mostlyNotified] = await Promise.all([0, 1, 2].map(() => createEngineVariant(shop.shopId)));
    await addWaitlist(shop.shopId, small!.id, SMALL_RESTOCK_WAITING);
    await addWaitlist(shop.shopId, big!.id, SMALL_RESTOCK_WAITING + 1);
    await addWaitlist(shop.shopId, mostlyNotified!.id, SMALL_RESTOCK_WAITING + 50);
    await prisma.$executeRaw`
      UPDATE "WaitlistEntry" SET status = 'NOTIFIED'
       WHERE id IN (SELECT id FROM "WaitlistEntry" WHERE "variantId" = ${mostlyNotified!.id} LIMIT 50)`;

    expect(await restockPriority(shop.shopId, small!.id)).toBe(SMALL_RESTOCK_PRIORITY_S);
    expect(await restockPriority(shop.shopId, big!.id)).toBe(0);
    expect(await restockPriority(shop.shopId, mostlyNotified!.id)).toBe(SMALL_RESTOCK_PRIORITY_S);
  });

  it("travels with the restock's hand-off to the fan-out", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const variant = await createEngineVariant(shop.shopId, { available: 0 });
    await addWaitlist(shop.shopId, variant.id, 3);
    const { restockId } = await applyVariantStock(variant.id, 5);
    const rows = await prisma.job.findMany({ where: { data: { path: ["restockId"], equals: restockId! } } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.data).toMatchObject({ priority: SMALL_RESTOCK_PRIORITY_S });
  });
});
