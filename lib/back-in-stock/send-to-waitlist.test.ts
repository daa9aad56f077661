import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { addWaitlist, createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { createMerchant } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { sendToWaitlist } from "./send-to-waitlist";
import { sendToWaitlistSchema } from "./send-to-waitlist-schema";

sandboxPerFile();

async function waitingShop(available: number) {
  const shop = await createEngineShop({ reminderEnabled: false });
  const variant = await createEngineVariant(shop.shopId, { available });
  await addWaitlist(shop.shopId, variant.id, 2);
  const merchant = await createMerchant(shop.shopId);
  const send = (extra: { sendWhileSoldOut?: boolean } = {}) =>
    runShopAction(merchant, sendToWaitlistSchema, sendToWaitlist, {
      shopId: shop.shopId,
      variantId: variant.id,
      ...extra,
    });
  return { shop, send };
}

const sends = (shopId: string) =>
  prisma.auditLog.count({ where: { shopId, action: "back_in_stock.sent_to_waitlist" } });

describe("Send on the waitlist", () => {
  it("refuses a sold-out variant until the merchant confirms, then sends", async () => {
    const { shop, send } = await waitingShop(0);
    const refused = await send();
    expect(refused).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringMatching(/^This variant is sold out \(0 in stock\)/),
    });
    expect(await prisma.restock.count({ where: { shopId: shop.shopId } })).toBe(0);

    expect(await send({ sendWhileSoldOut: true })).toMatchObject({ ok: true, data: { waiting: 2 } });
    expect(await prisma.restock.count({ where: { shopId: shop.shopId } })).toBe(1);
  });

  it("sends an in-stock variant without asking, and a double click is one send in the audit log", async () => {
    const { shop, send } = await waitingShop(5);
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.ok && second.ok && first.data.restockId === second.data.restockId).toBe(true);
    expect(await sends(shop.shopId)).toBe(1);
  });
});
