import { prisma } from "@/lib/db/prisma";
import type { SmsProvider } from "@/lib/generated/prisma/client";
import { SMS_TEMPLATES, type SmsTemplateKind } from "./sms-templates";

export type SmsSettingsView = {
  provider: SmsProvider;
  templates: Record<SmsTemplateKind, string>;
};

/** The shop's SMS provider and built-in templates; a shop that never saved gets built-in SMS and the defaults. */
export async function getSmsSettings(shopId: string): Promise<SmsSettingsView> {
  const row = await prisma.smsSettings.findUnique({ where: { shopId } });
  return {
    provider: row?.provider ?? "BUILT_IN",
    templates: {
      backInStock: row?.backInStockTemplate ?? SMS_TEMPLATES.backInStock.defaultText,
      reminder: row?.reminderTemplate ?? SMS_TEMPLATES.reminder.defaultText,
      preorder: row?.preorderTemplate ?? SMS_TEMPLATES.preorder.defaultText,
    },
  };
}
