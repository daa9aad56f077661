import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider, DeliveryStatus } from "@/lib/generated/prisma/client";
import { createVariant } from "@/lib/testing/catalog-fixtures";
import { createShop } from "@/lib/testing/fixtures";
import { getRestockProgress, getRestocksProgress } from "./get-restock-progress";

async function restockWith(shopId: string, alerts: [DeliveryStatus, DeliveryProvider][]) {
  const variant = await createVariant(shopId);
  const restock = await prisma.restock.create({
    data: { shopId, variantId: variant.id, trigger: "MANUAL", available: 5, plannedAt: new Date() },
  });
  for (const [status, provider] of alerts) {
    const key = randomBytes(6).toString("hex");
    const delivery = await prisma.delivery.create({
      data: {
        shopId,
        provider,
        eventType: "back_in_stock_sms_alert",
        idempotencyKey: `progress:${key}`,
        status,
        restockId: restock.id,
        recipientPhone: "+14155550100",
      },
    });
    if (provider === "BUILT_IN" && status === "DELIVERED") {
      await prisma.smsMessage.create({
        data: {
          shopId,
          deliveryId: delivery.id,
          sid: `SM${key}`,
          toPhone: "+14155550100",
          body: "Back in stock",
          encoding: "GSM-7",
          segments: 1,
          status: "delivered",
        },
      });
    }
  }
  return restock.id;
}

describe("getRestocksProgress", () => {
  it("counts several restocks at once, each as getRestockProgress does, and leaves out other shops' restocks", async () => {
    const shop = await createShop();
    const other = await createShop();
    const first = await restockWith(shop.id, [
      ["DELIVERED", "POSTSCRIPT"],
      ["DELIVERED", "BUILT_IN"],
      ["FAILED", "POSTSCRIPT"],
      ["PENDING", "POSTSCRIPT"],
    ]);
    const second = await restockWith(shop.id, [
      ["SKIPPED", "POSTSCRIPT"],
      ["UNCONFIRMED", "POSTSCRIPT"],
    ]);
    const elsewhere = await restockWith(other.id, [["DELIVERED", "POSTSCRIPT"]]);

    const progress = await getRestocksProgress(shop.id, [first, second, elsewhere]);
    expect([...progress.keys()].sort()).toEqual([first, second].sort());
    expect(progress.get(first)).toMatchObject({
      total: 4,
      delivered: 2,
      failed: 1,
      pending: 1,
      texted: 1,
      received: 1,
      planned: true,
    });
    expect(progress.get(second)).toMatchObject({ total: 2, delivered: 0, skipped: 1, unconfirmed: 1, texted: 0 });
    expect(progress.get(first)).toEqual(await getRestockProgress(shop.id, first));
    expect(progress.get(second)).toEqual(await getRestockProgress(shop.id, second));
    expect(await getRestockProgress(shop.id, elsewhere)).toBeNull();
    expect((await getRestocksProgress(shop.id, [])).size).toBe(0);
  });
});
