import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider, DeliveryStatus } from "@/lib/generated/prisma/enums";
import { createShop } from "@/lib/testing/fixtures";
import { getDeliveryTotals } from "./get-delivery-totals";

const delivery = (shopId: string, provider: DeliveryProvider, status: DeliveryStatus) => ({
  shopId,
  provider,
  status,
  eventType: "back_in_stock_sms_alert",
  idempotencyKey: randomUUID(),
});

describe("getDeliveryTotals", () => {
  it("counts the shop's delivered and failed alerts of the last 30 days, and the Postscript ones still waiting to be sent", async () => {
    const shop = await createShop();
    const other = await createShop();
    await prisma.delivery.createMany({
      data: [
        delivery(shop.id, "POSTSCRIPT", "DELIVERED"),
        delivery(shop.id, "KLAVIYO", "DELIVERED"),
        delivery(shop.id, "POSTSCRIPT", "FAILED"),
        delivery(shop.id, "POSTSCRIPT", "PENDING"),
        delivery(shop.id, "POSTSCRIPT", "RETRYING"),
        delivery(shop.id, "KLAVIYO", "PENDING"),
        delivery(shop.id, "POSTSCRIPT", "SKIPPED"),
        delivery(other.id, "POSTSCRIPT", "DELIVERED"),
        delivery(other.id, "POSTSCRIPT", "PENDING"),
        // Settled before the window: not counted. Held for two months: still waiting, counted.
        { ...delivery(shop.id, "POSTSCRIPT", "DELIVERED"), updatedAt: new Date(Date.now() - 31 * 86_400_000) },
        { ...delivery(shop.id, "POSTSCRIPT", "FAILED"), updatedAt: new Date(Date.now() - 31 * 86_400_000) },
        { ...delivery(shop.id, "POSTSCRIPT", "PENDING"), updatedAt: new Date(Date.now() - 60 * 86_400_000) },
      ],
    });
    expect(await getDeliveryTotals(shop.id)).toEqual({ delivered: 2, failed: 1, heldForPostscript: 3 });
    expect(await getDeliveryTotals((await createShop()).id)).toEqual({ delivered: 0, failed: 0, heldForPostscript: 0 });
  });
});
