import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import type { BuiltInSmsSettingsInput } from "./built-in-sms-settings-schema";
import { SMS_TEMPLATES } from "./sms-templates";

/** Saves built-in SMS quiet hours and pace (validated by builtInSmsSettingsSchema); texts already held keep their time. */
export async function saveBuiltInSmsSettings(
  input: BuiltInSmsSettingsInput,
  ctx: ShopContext,
): Promise<Omit<BuiltInSmsSettingsInput, "shopId">> {
  const data = {
    quietHoursEnabled: input.quietHoursEnabled,
    quietStartHour: input.quietStartHour,
    quietEndHour: input.quietEndHour,
    sendPerSecond: input.sendPerSecond,
  };
  await prisma.smsSettings.upsert({
    where: { shopId: ctx.shop.id },
    create: {
      shopId: ctx.shop.id,
      backInStockTemplate: SMS_TEMPLATES.backInStock.defaultText,
      reminderTemplate: SMS_TEMPLATES.reminder.defaultText,
      preorderTemplate: SMS_TEMPLATES.preorder.defaultText,
      ...data,
    },
    update: data,
  });
  await recordAudit(ctx, "sms.built_in_settings_saved", data);
  return data;
}
