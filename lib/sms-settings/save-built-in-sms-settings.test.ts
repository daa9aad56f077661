import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { builtInSmsSettingsSchema } from "./built-in-sms-settings-schema";
import { getSmsSettings } from "./get-sms-settings";
import { saveBuiltInSmsSettings } from "./save-built-in-sms-settings";

const VALID = { quietHoursEnabled: true, quietStartHour: 22, quietEndHour: 7, sendPerSecond: 5 };

describe("built-in SMS settings (quiet hours, pace)", () => {
  it("saves quiet hours and pace, audited", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    expect(
      await runShopAction(merchant, builtInSmsSettingsSchema, saveBuiltInSmsSettings, { shopId: shop.id, ...VALID }),
    ).toEqual({ ok: true, data: VALID });
    expect((await getSmsSettings(shop.id)).builtIn).toEqual(VALID);
    expect(await prisma.auditLog.findFirst({ where: { shopId: shop.id } })).toMatchObject({
      action: "sms.built_in_settings_saved",
    });
  });

  it("refuses bad hours, a zero pace, equal start and end, and support agents, changing nothing", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const save = (input: Record<string, unknown>, user = merchant) =>
      runShopAction(user, builtInSmsSettingsSchema, saveBuiltInSmsSettings, { shopId: shop.id, ...VALID, ...input });
    expect(await save({ quietStartHour: 24 })).toMatchObject({
      ok: false,
      message: "Quiet hours start at an hour from 00 to 23.",
    });
    expect(await save({ sendPerSecond: 0 })).toMatchObject({ ok: false, message: "Send at least 1 text per second." });
    expect(await save({ quietStartHour: 8, quietEndHour: 8 })).toMatchObject({
      ok: false,
      message: "Quiet hours must end at a different hour than they start.",
    });
    expect(await save({}, await createSupportAgent())).toMatchObject({ ok: false });
    expect(await prisma.smsSettings.findUnique({ where: { shopId: shop.id } })).toBeNull();
  });
});
