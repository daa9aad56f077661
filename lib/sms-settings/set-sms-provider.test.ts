import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import type { Plan } from "@/lib/generated/prisma/client";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { getSmsSettings } from "./get-sms-settings";
import { saveSmsTemplate } from "./save-sms-template";
import { saveSmsTemplateSchema, setSmsProviderSchema } from "./schemas";
import { setSmsProvider } from "./set-sms-provider";
import { SMS_TEMPLATES } from "./sms-templates";

async function setup(plan: Plan = "PAID") {
  const shop = await createShop({ plan });
  const merchant = await createMerchant(shop.id);
  const choose = (provider: string, user = merchant, shopId = shop.id) =>
    runShopAction(user, setSmsProviderSchema, setSmsProvider, { shopId, provider });
  return { shop, merchant, choose };
}

const settingsRow = (shopId: string) => prisma.smsSettings.findUnique({ where: { shopId } });
const integrationRow = (shopId: string) =>
  prisma.integration.findUnique({ where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } } });
const auditActions = async (shopId: string) =>
  (await prisma.auditLog.findMany({ where: { shopId }, orderBy: { createdAt: "asc" } })).map((a) => [
    a.action,
    a.metadata,
  ]);

// A connected Postscript account, stored as the connect action leaves it (no sandbox needed to switch providers).
const connectPostscriptDirectly = (shopId: string) =>
  prisma.integration.create({
    data: {
      provider: "POSTSCRIPT",
      shopId,
      encryptedKey: encryptSecret("sk_sandbox_switching_0000a1b2"),
      keyLast4: "a1b2",
      verification: "VERIFIED",
      lastVerifiedAt: new Date(),
      accountName: "Sandbox Shop",
      keywordId: "kw_1",
      keywordName: "RESTOCK",
      firstConnectedAt: new Date(),
    },
  });

describe("getSmsSettings", () => {
  it("gives a shop that never saved built-in SMS and the default templates, without writing a row", async () => {
    const { shop } = await setup();
    expect(await getSmsSettings(shop.id)).toEqual({
      provider: "BUILT_IN",
      templates: {
        backInStock: SMS_TEMPLATES.backInStock.defaultText,
        reminder: SMS_TEMPLATES.reminder.defaultText,
        preorder: SMS_TEMPLATES.preorder.defaultText,
      },
      builtIn: { quietHoursEnabled: true, quietStartHour: 21, quietEndHour: 8, sendPerSecond: 10 },
    });
    expect(await settingsRow(shop.id)).toBeNull();
  });
});

describe("choosing the SMS provider", () => {
  it("switches BUILT_IN → KLAVIYO → POSTSCRIPT → BUILT_IN and keeps templates and the Postscript connection as they were", async () => {
    const { shop, merchant, choose } = await setup("PAID");
    await connectPostscriptDirectly(shop.id);
    const template = "{{shop_name}}: {{product_title}} is back! {{purchase_link}}";
    expect(
      await runShopAction(merchant, saveSmsTemplateSchema, saveSmsTemplate, {
        shopId: shop.id,
        kind: "backInStock",
        text: template,
      }),
    ).toMatchObject({ ok: true });
    const integrationBefore = await integrationRow(shop.id);
    const settingsBefore = await settingsRow(shop.id);

    for (const provider of ["KLAVIYO", "POSTSCRIPT", "BUILT_IN"] as const) {
      expect(await choose(provider)).toEqual({ ok: true, data: { provider } });
      expect((await getSmsSettings(shop.id)).provider).toBe(provider);
      expect(await integrationRow(shop.id)).toEqual(integrationBefore);
      expect(await settingsRow(shop.id)).toMatchObject({
        id: settingsBefore!.id,
        backInStockTemplate: template,
        reminderTemplate: settingsBefore!.reminderTemplate,
        preorderTemplate: settingsBefore!.preorderTemplate,
      });
    }

    expect(await auditActions(shop.id)).toEqual([
      ["sms.template_saved", { kind: "backInStock", length: template.length }],
      ["sms.provider_changed", { from: "BUILT_IN", to: "KLAVIYO" }],
      ["sms.provider_changed", { from: "KLAVIYO", to: "POSTSCRIPT" }],
      ["sms.provider_changed", { from: "POSTSCRIPT", to: "BUILT_IN" }],
    ]);
  });

  it("creates the settings with default templates on the first choice, and does not audit choosing the current provider", async () => {
    const { shop, choose } = await setup();
    await choose("KLAVIYO");
    expect(await settingsRow(shop.id)).toMatchObject({
      provider: "KLAVIYO",
      backInStockTemplate: SMS_TEMPLATES.backInStock.defaultText,
      preorderTemplate: SMS_TEMPLATES.preorder.defaultText,
    });
    await choose("KLAVIYO");
    expect(await auditActions(shop.id)).toEqual([["sms.provider_changed", { from: "BUILT_IN", to: "KLAVIYO" }]]);
  });

  it("refuses Postscript on a free plan and changes nothing", async () => {
    const { shop, choose } = await setup("FREE");
    expect(await choose("POSTSCRIPT")).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "Postscript is available on paid plans. Upgrade your plan to send SMS through Postscript.",
    });
    expect(await settingsRow(shop.id)).toBeNull();

    expect(await choose("KLAVIYO")).toMatchObject({ ok: true });
    const before = await settingsRow(shop.id);
    expect(await choose("POSTSCRIPT")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await settingsRow(shop.id)).toEqual(before);
    expect((await auditActions(shop.id)).map(([action]) => action)).toEqual(["sms.provider_changed"]);
  });

  it("lets a free plan choose built-in SMS and Klaviyo", async () => {
    const { shop, choose } = await setup("FREE");
    expect(await choose("KLAVIYO")).toEqual({ ok: true, data: { provider: "KLAVIYO" } });
    expect(await choose("BUILT_IN")).toEqual({ ok: true, data: { provider: "BUILT_IN" } });
    expect((await settingsRow(shop.id))?.provider).toBe("BUILT_IN");
  });

  it("answers 404 for another shop's id and changes nothing there", async () => {
    const { merchant } = await setup();
    const other = await setup();
    await other.choose("KLAVIYO");
    const before = await settingsRow(other.shop.id);

    expect(await other.choose("BUILT_IN", merchant)).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "Shop not found.",
    });
    expect(await other.choose("POSTSCRIPT", merchant, "no-such-shop")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await settingsRow(other.shop.id)).toEqual(before);
    expect(await auditActions(other.shop.id)).toHaveLength(1);
  });

  it("lets a support agent look but not switch", async () => {
    const { shop, choose } = await setup();
    const agent = await createSupportAgent();
    expect(await choose("KLAVIYO", agent)).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: expect.stringMatching(/read-only/),
    });
    expect(await settingsRow(shop.id)).toBeNull();
    expect(await auditActions(shop.id)).toEqual([]);
  });

  it("refuses no session and an unknown provider", async () => {
    const { shop, choose } = await setup();
    expect(
      await runShopAction(null, setSmsProviderSchema, setSmsProvider, { shopId: shop.id, provider: "KLAVIYO" }),
    ).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
    expect(await choose("TWILIO")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Choose Built-in SMS, Klaviyo or Postscript.",
    });
    expect(await settingsRow(shop.id)).toBeNull();
  });
});
