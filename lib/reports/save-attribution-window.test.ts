import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { attributionWindowSchema } from "./attribution-window-schema";
import { getAttributionWindowDays } from "./get-attribution-window-days";
import { saveAttributionWindow } from "./save-attribution-window";

describe("attribution window", () => {
  it("is 7 days until the merchant saves another; bad values, other shops and support agents change nothing", async () => {
    const shop = await createShop();
    const other = await createShop();
    const merchant = await createMerchant(shop.id);
    const save = (user: Awaited<ReturnType<typeof createMerchant>>, input: Record<string, unknown>) =>
      runShopAction(user, attributionWindowSchema, saveAttributionWindow, { shopId: shop.id, ...input });
    expect(await getAttributionWindowDays(shop.id)).toBe(7);

    expect(await save(merchant, { attributionWindowDays: "14" })).toMatchObject({
      ok: true,
      data: { attributionWindowDays: 14 },
    });
    expect(await getAttributionWindowDays(shop.id)).toBe(14);
    expect(
      await prisma.auditLog.count({ where: { shopId: shop.id, action: "reports.attribution_window_saved" } }),
    ).toBe(1);

    expect(await save(merchant, { attributionWindowDays: 0 })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "The window must be at least 1 day.",
    });
    expect(await save(merchant, { attributionWindowDays: 31 })).toMatchObject({
      ok: false,
      message: "The window can be at most 30 days.",
    });
    expect(await save(merchant, { attributionWindowDays: 2.5 })).toMatchObject({
      ok: false,
      message: "Enter the window as a whole number of days.",
    });
    expect(await save(merchant, { shopId: other.id, attributionWindowDays: 3 })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await save(await createSupportAgent(), { attributionWindowDays: 3 })).toMatchObject({ ok: false });
    expect(await getAttributionWindowDays(shop.id)).toBe(14);
    expect(await getAttributionWindowDays(other.id)).toBe(7);
  });
});
