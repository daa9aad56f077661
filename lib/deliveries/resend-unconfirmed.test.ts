import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createEngineShop } from "@/lib/restock/restock-test-fixtures";
import { resendUnconfirmed } from "./resend-unconfirmed";

async function row(shopId: string, status: "UNCONFIRMED" | "DELIVERED") {
  return prisma.delivery.create({
    data: {
      shopId,
      provider: "POSTSCRIPT",
      eventType: "back_in_stock_sms_alert",
      idempotencyKey: `${shopId}:${status}:${Math.random()}`,
      status,
      attempts: 1,
      error: "Unconfirmed: no answer came in time.",
    },
  });
}

describe("resendUnconfirmed", () => {
  it("queues an unconfirmed delivery again, once, and refuses any other status or another shop's row", async () => {
    const { shopId } = await createEngineShop();
    const other = await createEngineShop();
    const unconfirmed = await row(shopId, "UNCONFIRMED");
    await expect(resendUnconfirmed(other.shopId, unconfirmed.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await resendUnconfirmed(shopId, unconfirmed.id)).toEqual({
      deliveryId: unconfirmed.id,
      eventType: "back_in_stock_sms_alert",
      previousError: "Unconfirmed: no answer came in time.",
    });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: unconfirmed.id } })).toMatchObject({
      status: "PENDING",
      error: null,
      nextAttemptAt: expect.any(Date),
    });
    await expect(resendUnconfirmed(shopId, unconfirmed.id)).rejects.toMatchObject({ code: "CONFLICT" });
    const delivered = await row(shopId, "DELIVERED");
    await expect(resendUnconfirmed(shopId, delivered.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
