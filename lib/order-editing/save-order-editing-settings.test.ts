import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { orderEditingSettingsSchema } from "./order-editing-settings-schema";
import { saveOrderEditingSettings } from "./save-order-editing-settings";

const form = {
  editWindow: 120,
  abandonedDelayMinutes: 30,
  deadlineNudgeEnabled: false,
  deadlineNudgeMinutes: 30,
  notifyPostscript: true,
  notifyKlaviyo: false,
};

describe("saving the order-editing settings", () => {
  it("turns Shopify's own customer notification on and off, audited; a form without it changes nothing", async () => {
    const shop = await createShop();
    const merchant = await createMerchant(shop.id);
    const save = (input: object, user = merchant) =>
      runShopAction(user, orderEditingSettingsSchema, saveOrderEditingSettings, { shopId: shop.id, ...input });

    expect(await save({ ...form, notifyCustomerOnEdit: true })).toMatchObject({
      ok: true,
      data: { notifyCustomerOnEdit: true },
    });
    expect(await prisma.orderEditingSettings.findUnique({ where: { shopId: shop.id } })).toMatchObject({
      notifyCustomerOnEdit: true,
    });
    const audit = await prisma.auditLog.findFirst({
      where: { shopId: shop.id, action: "order_editing.settings_saved" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit?.metadata).toMatchObject({ notifyCustomerOnEdit: true });
    expect(audit?.actorUserId).toBe(merchant.id);

    expect(await save({ ...form, notifyCustomerOnEdit: "yes" })).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(await save(form)).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(await save({ ...form, notifyCustomerOnEdit: false }, await createSupportAgent())).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await prisma.orderEditingSettings.findUnique({ where: { shopId: shop.id } })).toMatchObject({
      notifyCustomerOnEdit: true,
    });

    expect(await save({ ...form, notifyCustomerOnEdit: false })).toMatchObject({ ok: true });
    expect(await prisma.orderEditingSettings.findUnique({ where: { shopId: shop.id } })).toMatchObject({
      notifyCustomerOnEdit: false,
    });
  });
});
