import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import type { SaveSmsTemplateInput } from "./schemas";
import { SMS_TEMPLATES, type SmsTemplateKind } from "./sms-templates";

const column = {
  backInStock: "backInStockTemplate",
  reminder: "reminderTemplate",
  preorder: "preorderTemplate",
} as const satisfies Record<SmsTemplateKind, string>;

/**
 * Saves one built-in SMS template (already validated by saveSmsTemplateSchema: length and known merge tags).
 * The first save creates the shop's settings with built-in SMS and the defaults for the other templates.
 */
export async function saveSmsTemplate(
  input: SaveSmsTemplateInput,
  ctx: ShopContext,
): Promise<{ kind: SmsTemplateKind; text: string }> {
  await prisma.smsSettings.upsert({
    where: { shopId: ctx.shop.id },
    create: {
      shopId: ctx.shop.id,
      backInStockTemplate: SMS_TEMPLATES.backInStock.defaultText,
      reminderTemplate: SMS_TEMPLATES.reminder.defaultText,
      preorderTemplate: SMS_TEMPLATES.preorder.defaultText,
      [column[input.kind]]: input.text,
    },
    update: { [column[input.kind]]: input.text },
  });
  await recordAudit(ctx, "sms.template_saved", { kind: input.kind, length: input.text.length });
  return { kind: input.kind, text: input.text };
}
