import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { getSmsSettings } from "./get-sms-settings";
import { saveSmsTemplate } from "./save-sms-template";
import { saveSmsTemplateSchema, setSmsProviderSchema } from "./schemas";
import { setSmsProvider } from "./set-sms-provider";
import { SMS_TEMPLATES } from "./sms-templates";

async function setup() {
  const shop = await createShop();
  const merchant = await createMerchant(shop.id);
  const save = (kind: string, text: unknown, user = merchant, shopId = shop.id) =>
    runShopAction(user, saveSmsTemplateSchema, saveSmsTemplate, { shopId, kind, text });
  return { shop, merchant, save };
}

const settingsRow = (shopId: string) => prisma.smsSettings.findUnique({ where: { shopId } });

describe("saving a built-in SMS template", () => {
  it("creates the settings on the first save, keeping built-in SMS and the other defaults", async () => {
    const { shop, save } = await setup();
    const text = "{{shop_name}}: order {{order_name}} ({{products_count}} items) ships {{shipping_timeline}}.";
    expect(await save("preorder", `  ${text}\n`)).toEqual({ ok: true, data: { kind: "preorder", text } });
    expect(await getSmsSettings(shop.id)).toEqual({
      provider: "BUILT_IN",
      templates: {
        backInStock: SMS_TEMPLATES.backInStock.defaultText,
        reminder: SMS_TEMPLATES.reminder.defaultText,
        preorder: text,
      },
      builtIn: { quietHoursEnabled: true, quietStartHour: 21, quietEndHour: 8, sendPerSecond: 10 },
    });
    const audit = await prisma.auditLog.findMany({ where: { shopId: shop.id } });
    expect(audit).toMatchObject([
      { action: "sms.template_saved", actorType: "MERCHANT", metadata: { kind: "preorder", length: text.length } },
    ]);
  });

  it("changes only the template saved, and keeps the provider", async () => {
    const { shop, merchant, save } = await setup();
    await runShopAction(merchant, setSmsProviderSchema, setSmsProvider, { shopId: shop.id, provider: "POSTSCRIPT" });
    await save("backInStock", "Back: {{title_incl_variant}} {{purchase_link}}");
    await save("reminder", "Still here: {{ product_title }} {{purchase_link}}");
    expect(await settingsRow(shop.id)).toMatchObject({
      provider: "POSTSCRIPT",
      backInStockTemplate: "Back: {{title_incl_variant}} {{purchase_link}}",
      reminderTemplate: "Still here: {{ product_title }} {{purchase_link}}",
      preorderTemplate: SMS_TEMPLATES.preorder.defaultText,
    });
  });

  it("names an unknown merge tag and saves nothing", async () => {
    const { shop, save } = await setup();
    expect(await save("backInStock", "Hi {{first_name}}, {{product_title}} is back")).toEqual({
      ok: false,
      code: "BAD_REQUEST",
      message: "Unknown merge tag {{first_name}}: use one of the merge tags listed for this message.",
      fieldErrors: { text: "Unknown merge tag {{first_name}}: use one of the merge tags listed for this message." },
    });
    // A preorder property is not a back-in-stock tag, and the other way round.
    expect(await save("reminder", "{{order_name}} {{shipping_timeline}}")).toMatchObject({
      ok: false,
      message:
        "Unknown merge tags {{order_name}}, {{shipping_timeline}}: use one of the merge tags listed for this message.",
    });
    expect(await save("preorder", "{{purchase_link}}")).toMatchObject({
      ok: false,
      message: expect.stringContaining("{{purchase_link}}"),
    });
    expect(await save("backInStock", "{{product_title} is back")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/missing a brace/),
    });
    expect(await settingsRow(shop.id)).toBeNull();
  });

  it("refuses an empty or too long message", async () => {
    const { shop, save } = await setup();
    expect(await save("backInStock", "   \n ")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Write the message text.",
    });
    expect(await save("backInStock", "x".repeat(1_601))).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Keep the message to 1,600 characters or fewer (it has 1,601).",
    });
    expect(await save("backInStock", "x".repeat(1_600))).toMatchObject({ ok: true });
    expect(await save("everything", "Hello")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Choose which message to save.",
    });
    expect((await settingsRow(shop.id))?.backInStockTemplate).toBe("x".repeat(1_600));
  });

  it("answers 404 for another shop's id and changes nothing there", async () => {
    const { merchant } = await setup();
    const other = await setup();
    await other.save("backInStock", "Theirs: {{product_title}}");
    const before = await settingsRow(other.shop.id);
    expect(await other.save("backInStock", "Mine: {{product_title}}", merchant)).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "Shop not found.",
    });
    expect(await settingsRow(other.shop.id)).toEqual(before);
  });

  it("lets a support agent look but not write", async () => {
    const { shop, save } = await setup();
    const agent = await createSupportAgent();
    expect(await save("backInStock", "Agent text {{product_title}}", agent)).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await settingsRow(shop.id)).toBeNull();
    expect(await prisma.auditLog.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
