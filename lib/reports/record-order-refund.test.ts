import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { processShopifyWebhook } from "@/lib/shopify/process-shopify-webhook";
import { storeWebhookEvent } from "@/lib/shopify/webhook-test-helpers";
import { getShopReport } from "./get-shop-report";
import { addAlert, createReportShop, placeOrder, refundOf } from "./report-test-fixtures";
import { recordOrderRefund } from "./record-order-refund";
import { reportCsv } from "./report-csv";
import { REPORT_METRICS as M } from "./report-metrics";
import { resolveReportRange } from "./report-range";
import { reportTables } from "./report-tables";
import { rollUpReports } from "./roll-up-reports";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The shop's reported figure (sum over days and keys) after a rollup: count and amount as text. */
async function reported(shopId: string, metric: string) {
  await rollUpReports({ shopId });
  const sum = await prisma.reportDay.aggregate({ where: { shopId, metric }, _sum: { count: true, amount: true } });
  return { count: sum._sum.count ?? 0, amount: (sum._sum.amount ?? 0).toString() };
}

/** A shop where one alerted customer bought `quantity` (89.00 each) an hour after the alert. */
async function recoveredSale(quantity: number) {
  const { shopId, domain, variant, restock } = await createReportShop();
  const at = new Date(Date.now() - DAY);
  await addAlert(shopId, restock.id, { phone: "+14155550121", at });
  const { orderId, payload } = await placeOrder(shopId, variant, {
    at: new Date(at.getTime() + HOUR),
    phone: "+14155550121",
    quantity,
  });
  return { shopId, domain, variant, orderId, payload };
}

describe("recordOrderRefund (refunds/create)", () => {
  it("a partial refund reduces the recovered revenue; the sale still counts", async () => {
    const { shopId, payload } = await recoveredSale(2);
    expect(await reported(shopId, M.conversion)).toEqual({ count: 1, amount: "178" });

    expect(await recordOrderRefund(shopId, refundOf(payload, { quantity: 1, subtotal: "89.00" }))).toEqual({
      refundedVariants: 1,
    });
    expect(await reported(shopId, M.conversion)).toEqual({ count: 1, amount: "89" });
    expect((await reported(shopId, M.recoveredOrder)).count).toBe(1);

    // The Reports page and its CSV show the net figure.
    const report = await getShopReport(shopId, resolveReportRange({ range: "7" }, "UTC"));
    expect(report.conversions).toMatchObject({ orders: 1, revenue: 89 });
    const byProduct = reportTables(report).find((t) => t.id === "conversions-by-product")!;
    expect(reportCsv(byProduct, "USD")).toContain(",89.00,");
  });

  it("a full refund (in one refund or in several) removes the conversion and the recovered order", async () => {
    const whole = await recoveredSale(2);
    await recordOrderRefund(whole.shopId, refundOf(whole.payload, { quantity: 2, subtotal: "178.00" }));
    expect(await reported(whole.shopId, M.conversion)).toEqual({ count: 0, amount: "0" });
    expect((await reported(whole.shopId, M.recoveredOrder)).count).toBe(0);

    const split = await recoveredSale(2);
    await recordOrderRefund(split.shopId, refundOf(split.payload, { quantity: 1, subtotal: "89.00" }));
    expect((await reported(split.shopId, M.recoveredOrder)).count).toBe(1);
    // A discounted line refunds less than it was credited: once all its units are back it is still no sale.
    await recordOrderRefund(split.shopId, refundOf(split.payload, { quantity: 1, subtotal: "80.10" }));
    expect(await reported(split.shopId, M.conversion)).toEqual({ count: 0, amount: "0" });
    expect((await reported(split.shopId, M.recoveredOrder)).count).toBe(0);
  });

  it("a redelivered refund subtracts once, also when Shopify sends it again as another webhook", async () => {
    const { shopId, domain, payload } = await recoveredSale(2);
    const refund = refundOf(payload, { quantity: 1, subtotal: "89.00" });
    await recordOrderRefund(shopId, refund);
    expect(await recordOrderRefund(shopId, refund)).toEqual({ refundedVariants: 0 });

    // A new webhook id and a re-serialised body (a later processed_at) for the same refund.
    const body = JSON.parse(JSON.stringify(refund)) as Record<string, unknown>;
    const event = await storeWebhookEvent({ id: shopId, domain }, "refunds/create", {
      ...body,
      id: Number(refund.id),
      order_id: Number(refund.order_id),
      processed_at: new Date().toISOString(),
    });
    expect(await processShopifyWebhook(event.id)).toMatchObject({
      outcome: "processed",
      detail: { refundedVariants: 0 },
    });
    expect(await prisma.reportRefund.count({ where: { shopId } })).toBe(1);
    expect(await reported(shopId, M.conversion)).toEqual({ count: 1, amount: "89" });
  });

  it("is processed from a refunds/create webhook and marks the order's day changed for the next rollup", async () => {
    const { shopId, domain, payload } = await recoveredSale(3);
    expect((await reported(shopId, M.conversion)).amount).toBe("267");
    const afterFirstRollup = new Date();

    const refund = refundOf(payload, { quantity: 1, subtotal: "89.00" });
    const event = await storeWebhookEvent({ id: shopId, domain }, "refunds/create", {
      ...(JSON.parse(JSON.stringify(refund)) as Record<string, unknown>),
      id: Number(refund.id),
      order_id: Number(refund.order_id),
    });
    expect(await processShopifyWebhook(event.id)).toMatchObject({ outcome: "processed" });
    // Only days changed since `afterFirstRollup` are recomputed: the refund must have touched the order's day.
    expect((await rollUpReports({ shopId, since: afterFirstRollup })).days).toBe(1);
    const sum = await prisma.reportDay.aggregate({ where: { shopId, metric: M.conversion }, _sum: { amount: true } });
    expect(sum._sum.amount?.toString()).toBe("178");
  });

  it("a refund of an order with no credit, or of an order we never stored, changes nothing", async () => {
    const { shopId, variant } = await createReportShop();
    const { payload } = await placeOrder(shopId, variant, { at: new Date(), phone: "+14155550122" });
    expect(await prisma.reportAttribution.count({ where: { shopId } })).toBe(0);
    expect(await recordOrderRefund(shopId, refundOf(payload, { quantity: 1, subtotal: "89.00" }))).toEqual({
      refundedVariants: 0,
    });
    const unknown = refundOf({ ...payload, id: "5999999999999" }, { quantity: 1, subtotal: "89.00" });
    expect(await recordOrderRefund(shopId, unknown)).toEqual({ refundedVariants: 0 });
    expect(await prisma.reportRefund.count({ where: { shopId } })).toBe(0);
  });

  it("preorder revenue and units are reported net of refunds", async () => {
    const { shopId, variant } = await createReportShop();
    await prisma.variant.update({ where: { id: variant.id }, data: { preorder: true } });
    const { payload } = await placeOrder(shopId, variant, { at: new Date(), email: "pre@example.com", quantity: 3 });
    await recordOrderRefund(shopId, refundOf(payload, { quantity: 1, subtotal: "89.00" }));
    expect(await reported(shopId, M.preorder)).toEqual({ count: 1, amount: "178" });
    expect((await reported(shopId, M.preorderUnits)).count).toBe(2);

    await recordOrderRefund(shopId, refundOf(payload, { quantity: 2, subtotal: "178.00" }));
    expect(await reported(shopId, M.preorder)).toEqual({ count: 0, amount: "0" });
    expect((await reported(shopId, M.preorderUnits)).count).toBe(0);
  });
});
