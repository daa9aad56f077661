import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { deliverDue } from "@/lib/deliveries/deliver-due";
import { handleNewOrder } from "@/lib/preorder/handle-new-order";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { addWaitlist, createEngineShop, createEngineVariant } from "./restock-test-fixtures";
import { runRestock } from "./restock-test-fixtures";

const sandbox = sandboxPerFile({ timeoutMs: 1_000 });

async function deliveredRestock(waiting: number) {
  const shop = await createEngineShop({ reminderEnabled: true, reminderDelayMinutes: 90 });
  const variant = await createEngineVariant(shop.shopId, { available: 4 });
  const phones = await addWaitlist(shop.shopId, variant.id, waiting);
  const restock = await prisma.restock.create({
    data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 4 },
  });
  await runRestock(restock.id);
  return { shop, variant, phones, restockId: restock.id };
}

const reminders = (restockId: string) =>
  prisma.delivery.findMany({
    where: { restockId, eventType: "back_in_stock_sms_reminder" },
    orderBy: { createdAt: "asc" },
  });

async function makeRemindersDue(restockId: string) {
  await prisma.delivery.updateMany({
    where: { restockId, eventType: "back_in_stock_sms_reminder" },
    data: { nextAttemptAt: new Date(Date.now() - 1_000) },
  });
}

describe("back-in-stock reminders", () => {
  it("schedules one reminder per delivered alert at deliveredAt + delay, with the alert's properties", async () => {
    const { shop, restockId } = await deliveredRestock(4);
    const alerts = await prisma.delivery.findMany({ where: { restockId, eventType: "back_in_stock_sms_alert" } });
    const scheduled = await reminders(restockId);
    expect(scheduled).toHaveLength(4);
    for (const reminder of scheduled) {
      const alert = alerts.find((a) => a.waitlistEntryId === reminder.waitlistEntryId)!;
      expect(reminder).toMatchObject({
        status: "PENDING",
        provider: "POSTSCRIPT",
        idempotencyKey: `${shop.shopId}:back_in_stock_sms_reminder:${restockId}:${alert.waitlistEntryId}`,
        properties: alert.properties,
        recipientPhone: alert.recipientPhone,
      });
      expect(reminder.nextAttemptAt!.getTime() - alert.deliveredAt!.getTime()).toBe(90 * 60_000);
    }
    // Not due yet: nothing goes out, and a sender has nothing left to do soon.
    const result = await deliverDue(shop.shopId, { maxDurationMs: 500 });
    expect(result).toMatchObject({ sent: 0, remaining: 0 });
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "back_in_stock_sms_reminder" })).toHaveLength(
      0,
    );
  });

  it("sends due reminders once and skips the customer who bought the variant", async () => {
    const { shop, variant, phones, restockId } = await deliveredRestock(3);
    const order = await prisma.order.create({
      data: {
        shopId: shop.shopId,
        shopifyOrderId: `o-${restockId}`,
        name: "#1001",
        phone: phones[0]!,
        lineItems: [
          {
            shopifyLineItemId: "1",
            shopifyProductId: "p",
            shopifyVariantId: variant.shopifyVariantId,
            variantId: variant.id,
            title: "Trail Jacket",
            variantTitle: null,
            quantity: 1,
            price: "89.00",
            sku: null,
          },
        ],
      },
    });
    await handleNewOrder(order.id);
    await makeRemindersDue(restockId);
    await deliverDue(shop.shopId, { maxDurationMs: 5_000 });
    await deliverDue(shop.shopId, { maxDurationMs: 1_000 });

    const rows = await reminders(restockId);
    expect(rows.find((r) => r.recipientPhone === phones[0])).toMatchObject({
      status: "SKIPPED",
      skipReason: "the customer already bought this variant",
    });
    expect(rows.filter((r) => r.status === "DELIVERED")).toHaveLength(2);
    const sent = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "back_in_stock_sms_reminder" });
    expect(sent.map((e) => e.phone).sort()).toEqual([phones[1], phones[2]].sort());
    // Reminders do not schedule reminders.
    expect(await reminders(restockId)).toHaveLength(3);
  });

  it("skips every reminder when the variant is sold out again", async () => {
    const { shop, variant, restockId } = await deliveredRestock(3);
    await prisma.variant.update({ where: { id: variant.id }, data: { available: 0 } });
    await makeRemindersDue(restockId);
    const result = await deliverDue(shop.shopId, { maxDurationMs: 1_000 });
    expect(result).toMatchObject({ skipped: 3, sent: 0 });
    const rows = await reminders(restockId);
    expect(
      rows.every((r) => r.status === "SKIPPED" && r.skipReason === "the variant is no longer in stock (0 available)"),
    ).toBe(true);
    expect(sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "back_in_stock_sms_reminder" })).toHaveLength(
      0,
    );
  });

  it("schedules no reminder when the shop turned reminders off", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const variant = await createEngineVariant(shop.shopId, { available: 2 });
    await addWaitlist(shop.shopId, variant.id, 2);
    const restock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "MANUAL", available: 2 },
    });
    await runRestock(restock.id);
    expect(await reminders(restock.id)).toHaveLength(0);
  });
});
