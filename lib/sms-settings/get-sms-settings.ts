import { prisma } from "@/lib/db/prisma";
import type { SmsProvider } from "@/lib/generated/prisma/client";
import { SMS_TEMPLATES, type SmsTemplateKind } from "./sms-templates";

export type SmsSettingsView = {
  provider: SmsProvider;
  templates: Record<SmsTemplateKind, string>;
  /** Built-in SMS only: no texts between these hours in the recipient's time zone, and the sender's pace. */
  builtIn: { quietHoursEnabled: boolean; quietStartHour: number; quietEndHour: number; sendPerSecond: number };
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
    builtIn: {
      quietHoursEnabled: row?.quietHoursEnabled ?? true,
      quietStartHour: row?.quietStartHour ?? 21,
      quietEndHour: row?.quietEndHour ?? 8,
      sendPerSecond: row?.sendPerSecond ?? 10,
    },
  };
}
