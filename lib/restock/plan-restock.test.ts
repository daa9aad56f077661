import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { reportLinkUrl } from "@/lib/reports/report-link-url";
import { findEvent } from "@/lib/setup/event-catalog";
import { planRestock } from "./plan-restock";
import { addWaitlist, createEngineShop, createEngineVariant } from "./restock-test-fixtures";

async function setup(waiting: number, shopOptions: Parameters<typeof createEngineShop>[0] = {}, available = 3) {
  const shop = await createEngineShop(shopOptions);
  const variant = await createEngineVariant(shop.shopId, { available, productTitle: "Trail Runner Jacket" });
  const phones = await addWaitlist(shop.shopId, variant.id, waiting);
  const restock = (trigger: "INVENTORY" | "MANUAL" = "INVENTORY") =>
    prisma.restock.create({ data: { shopId: shop.shopId, variantId: variant.id, trigger, available } });
  return { shop, variant, phones, restock };
}

const alerts = (restockId: string) =>
  prisma.delivery.findMany({
    where: { restockId, eventType: "back_in_stock_sms_alert" },
    orderBy: { recipientPhone: "asc" },
  });

describe("planRestock", () => {
  it("plans one PENDING alert per waiting customer with the 11 properties of seed 001", async () => {
    const { shop, variant, phones, restock } = await setup(3);
    const { id } = await restock();
    expect(await planRestock(id)).toEqual({ shopId: shop.shopId, planned: 3, alreadyPlanned: false });

    const rows = await alerts(id);
    const entries = await prisma.waitlistEntry.findMany({ where: { variantId: variant.id } });
    expect(rows.map((r) => r.recipientPhone)).toEqual(phones);
    const first = rows[0]!;
    const entry = entries.find((e) => e.id === first.waitlistEntryId)!;
    expect(first).toMatchObject({
      status: "PENDING",
      provider: "POSTSCRIPT",
      idempotencyKey: `${shop.shopId}:back_in_stock_sms_alert:${id}:${entry.id}`,
      attempts: 0,
    });
    expect(first.nextAttemptAt).toBeInstanceOf(Date);
    expect(first.properties).toEqual({
      product_title: "Trail Runner Jacket",
      variant_title: "Medium / Blue",
      title_incl_variant: "Trail Runner Jacket - Medium / Blue",
      vendor: "Northwind",
      price: "89.00",
      currency: "USD",
      purchase_link: reportLinkUrl(id),
      image_url: variant.product.imageUrl,
      shop_name: shop.name,
      customer_name: entry.name,
      customer_phone: entry.phone,
    });
    const catalogNames = findEvent("back_in_stock_sms_alert")!
      .properties.map((p) => p.name)
      .sort();
    expect(Object.keys(first.properties as object).sort()).toEqual(catalogNames);
    expect(await prisma.restock.findUnique({ where: { id } })).toMatchObject({
      planned: 3,
      plannedAt: expect.any(Date),
    });
  });

  it("adds nothing when planned again, or three times at once", async () => {
    const { restock } = await setup(25);
    const { id } = await restock();
    const results = await Promise.all([
      planRestock(id, { chunkSize: 4 }),
      planRestock(id, { chunkSize: 4 }),
      planRestock(id, { chunkSize: 4 }),
    ]);
    expect(results.map((r) => r.planned)).toEqual([25, 25, 25]);
    expect(results.filter((r) => !r.alreadyPlanned)).toHaveLength(1);
    expect(await planRestock(id)).toMatchObject({ planned: 25, alreadyPlanned: true });
    expect(await alerts(id)).toHaveLength(25);
  });

  it("pages through the waitlist in chunks, including signups made in the same instant", async () => {
    const { shop, variant, restock } = await setup(10);
    const sameInstant = new Date("2026-01-01T00:00:00.000Z");
    for (let i = 0; i < 5; i++) {
      await prisma.waitlistEntry.create({
        data: {
          shopId: shop.shopId,
          variantId: variant.id,
          customerKey: `tie${i}`,
          phone: `+1666555000${i}`,
          createdAt: sameInstant,
        },
      });
    }
    const { id } = await restock("MANUAL");
    expect((await planRestock(id, { chunkSize: 3 })).planned).toBe(15);
    expect(new Set((await alerts(id)).map((r) => r.waitlistEntryId)).size).toBe(15);
  });

  it("with batching, alerts at most batchPerUnit × units, oldest signups first; a manual Send is not batched", async () => {
    const { phones, restock } = await setup(20, { batchPerUnit: 2 }, 3);
    const { id } = await restock("INVENTORY");
    expect((await planRestock(id, { chunkSize: 4 })).planned).toBe(6);
    expect((await alerts(id)).map((r) => r.recipientPhone)).toEqual(phones.slice(0, 6));

    const manual = await restock("MANUAL");
    // The six still have unsent alerts from the first restock: the manual Send plans the other fourteen.
    expect((await planRestock(manual.id)).planned).toBe(14);
  });

  it("leaves customers with an unsent alert from an earlier restock to that one", async () => {
    const { restock } = await setup(5);
    const first = await restock();
    await planRestock(first.id);
    const second = await restock();
    expect((await planRestock(second.id)).planned).toBe(0);
    // Once the first restock's alerts are done, a later restock plans whoever is still waiting.
    await prisma.delivery.updateMany({ where: { restockId: first.id }, data: { status: "FAILED", error: "test" } });
    const third = await restock();
    expect((await planRestock(third.id)).planned).toBe(5);
  });

  it("records customers with no phone and no email as skipped with the reason", async () => {
    const { shop, variant, restock } = await setup(1);
    await prisma.waitlistEntry.create({
      data: { shopId: shop.shopId, variantId: variant.id, customerKey: "anon", status: "WAITING" },
    });
    const { id } = await restock();
    await planRestock(id);
    const rows = await alerts(id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => !r.recipientPhone)).toMatchObject({
      status: "SKIPPED",
      skipReason: "customer has no phone and no email",
      nextAttemptAt: null,
    });
  });

  it("uses the shop's active provider and only waiting customers", async () => {
    const { shop, variant, restock } = await setup(3, { provider: "KLAVIYO" });
    await prisma.waitlistEntry.updateMany({ where: { variantId: variant.id }, data: { status: "NOTIFIED" } });
    await prisma.waitlistEntry.create({
      data: { shopId: shop.shopId, variantId: variant.id, customerKey: "new", email: "new@example.com" },
    });
    const { id } = await restock();
    await planRestock(id);
    const rows = await alerts(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: "KLAVIYO", recipientEmail: "new@example.com", recipientPhone: null });
    expect(rows[0]!.properties).toMatchObject({ customer_phone: "", customer_name: "" });
  });

  it("refuses an unknown restock", async () => {
    await expect(planRestock("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("plans 5,000 customers quickly", async () => {
    const { restock } = await setup(5_000);
    const { id } = await restock();
    const started = Date.now();
    expect((await planRestock(id)).planned).toBe(5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
