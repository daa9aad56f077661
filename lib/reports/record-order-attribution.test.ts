import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { closeOrder } from "@/lib/shopify/close-order";
import { storeOrder } from "@/lib/shopify/store-order";
import { addAlert, createReportShop, placeOrder } from "./report-test-fixtures";
import { rollUpReports } from "./roll-up-reports";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const credited = (shopId: string) => prisma.reportAttribution.findMany({ where: { shopId, kind: "RESTOCK_ALERT" } });

describe("recordOrderAttribution (orders/create)", () => {
  it("credits an order of the alerted variant inside the window, with revenue and the time from alert to order", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const alertedAt = new Date(Date.now() - 2 * DAY);
    const alert = await addAlert(shopId, restock.id, { phone: "+14155550101", at: alertedAt });
    const orderedAt = new Date(alertedAt.getTime() + 3 * HOUR);
    await placeOrder(shopId, variant, { at: orderedAt, phone: "+14155550101", quantity: 2 });
    const rows = await credited(shopId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deliveryId: alert.id, quantity: 2, variantId: variant.id });
    expect(rows[0]!.revenue.toString()).toBe("178");
    expect(rows[0]!.orderedAt.getTime() - rows[0]!.alertedAt!.getTime()).toBe(3 * HOUR);
  });

  it("does not credit an order placed after the window (7 days by default), but does with a longer shop window", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const alertedAt = new Date(Date.now() - 20 * DAY);
    await addAlert(shopId, restock.id, { phone: "+14155550102", at: alertedAt });
    await placeOrder(shopId, variant, { at: new Date(alertedAt.getTime() + 7 * DAY + HOUR), phone: "+14155550102" });
    expect(await credited(shopId)).toHaveLength(0);

    await prisma.reportSettings.create({ data: { shopId, attributionWindowDays: 14 } });
    await placeOrder(shopId, variant, { at: new Date(alertedAt.getTime() + 8 * DAY), phone: "+14155550102" });
    expect(await credited(shopId)).toHaveLength(1);
  });

  it("does not credit an order placed before the alert, nor one after an alert that was not delivered", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const at = new Date(Date.now() - DAY);
    await addAlert(shopId, restock.id, { phone: "+14155550103", at });
    await addAlert(shopId, restock.id, { phone: "+14155550104", at, status: "FAILED" });
    await placeOrder(shopId, variant, { at: new Date(at.getTime() - HOUR), phone: "+14155550103" });
    await placeOrder(shopId, variant, { at: new Date(at.getTime() + HOUR), phone: "+14155550104" });
    expect(await credited(shopId)).toHaveLength(0);
  });

  it("matches by phone only (the customer record's phone) and by email only (any case)", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const at = new Date(Date.now() - DAY);
    await addAlert(shopId, restock.id, { phone: "+14155550105", at });
    await addAlert(shopId, restock.id, { email: "ada@example.com", at });
    await placeOrder(shopId, variant, {
      at: new Date(at.getTime() + HOUR),
      customer: { id: "7400000000001", phone: "+14155550105" },
    });
    await placeOrder(shopId, variant, { at: new Date(at.getTime() + HOUR), email: "Ada@Example.com" });
    expect(await credited(shopId)).toHaveLength(2);
  });

  it("matches by Shopify customer id: the signup's logged-in customer, with another phone and email on the order", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const at = new Date(Date.now() - DAY);
    const signup = (customerKey: string, shopifyCustomerId: string) =>
      prisma.waitlistEntry.create({
        data: { shopId, variantId: variant.id, customerKey, email: customerKey, shopifyCustomerId },
      });
    // Ids past 2^53 are compared as the strings Shopify sent, not as rounded numbers.
    const mine = await signup("kai@example.com", "9007199254740993");
    const theirs = await signup("lee@example.com", "9007199254740995");
    await addAlert(shopId, restock.id, { email: "kai@example.com", at, waitlistEntryId: mine.id });
    await addAlert(shopId, restock.id, { email: "lee@example.com", at, waitlistEntryId: theirs.id });
    const order = (customerId: string) =>
      placeOrder(shopId, variant, {
        at: new Date(at.getTime() + HOUR),
        phone: "+14155550130",
        email: "checkout@example.net",
        customer: { id: customerId },
      });
    await order("9007199254740993");
    const rows = await credited(shopId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deliveryId).toBe(
      (await prisma.delivery.findFirstOrThrow({ where: { waitlistEntryId: mine.id } })).id,
    );

    // Another customer id, with nothing else in common with any alert: not credited.
    await order("9007199254740997");
    expect(await credited(shopId)).toHaveLength(1);
  });

  it("does not credit another customer's order of the same variant", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const at = new Date(Date.now() - DAY);
    await addAlert(shopId, restock.id, { phone: "+14155550106", email: "sam@example.com", at });
    await placeOrder(shopId, variant, {
      at: new Date(at.getTime() + HOUR),
      phone: "+14155550199",
      email: "other@example.com",
    });
    expect(await credited(shopId)).toHaveLength(0);
  });

  it("two alerts then one order count once, credited to the latest alert; a redelivered webhook adds nothing", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const first = new Date(Date.now() - 3 * DAY);
    await addAlert(shopId, restock.id, { phone: "+14155550107", at: first });
    const second = await addAlert(shopId, restock.id, { phone: "+14155550107", at: new Date(first.getTime() + DAY) });
    const order = { at: new Date(first.getTime() + DAY + HOUR), phone: "+14155550107" };
    const { payload } = await placeOrder(shopId, variant, order);
    const rows = await credited(shopId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deliveryId).toBe(second.id);

    // orders/create delivered again: the order row is updated, the credit is not doubled.
    await storeOrder(shopId, payload);
    expect(await credited(shopId)).toHaveLength(1);
  });

  it("does not count a cancelled order: cancelled on arrival, or cancelled later (after the next rollup)", async () => {
    const { shopId, variant, restock } = await createReportShop();
    const at = new Date(Date.now() - DAY);
    await addAlert(shopId, restock.id, { phone: "+14155550108", at });
    await addAlert(shopId, restock.id, { phone: "+14155550109", at });
    await placeOrder(shopId, variant, {
      at: new Date(at.getTime() + HOUR),
      phone: "+14155550108",
      cancelledAt: new Date(at.getTime() + 2 * HOUR),
    });
    expect(await credited(shopId)).toHaveLength(0);

    const { orderId } = await placeOrder(shopId, variant, { at: new Date(at.getTime() + HOUR), phone: "+14155550109" });
    await rollUpReports({ shopId });
    const recovered = () =>
      prisma.reportDay.aggregate({ where: { shopId, metric: "recovered_order" }, _sum: { count: true } });
    expect((await recovered())._sum.count).toBe(1);

    const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    await closeOrder(shopId, "cancelled", {
      id: order.shopifyOrderId,
      cancelled_at: new Date(),
      updated_at: new Date(),
    });
    await rollUpReports({ shopId });
    expect((await recovered())._sum.count ?? 0).toBe(0);
  });

  it("records preorder sales per variant", async () => {
    const { shopId, variant } = await createReportShop();
    await prisma.variant.update({ where: { id: variant.id }, data: { preorder: true } });
    await placeOrder(shopId, variant, { at: new Date(), email: "pre@example.com", quantity: 3 });
    const rows = await prisma.reportAttribution.findMany({ where: { shopId, kind: "PREORDER" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ quantity: 3, variantId: variant.id });
    expect(rows[0]!.revenue.toString()).toBe("267");
  });
});
