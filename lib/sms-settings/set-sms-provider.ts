import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { SmsProvider } from "@/lib/generated/prisma/client";
import type { SetSmsProviderInput } from "./schemas";
import { SMS_PROVIDERS } from "./sms-providers";
import { SMS_TEMPLATES } from "./sms-templates";

/**
 * Chooses which provider sends back-in-stock and preorder SMS. Only `provider` changes: the built-in templates
 * and every provider's connection stay as they are, so switching back restores everything. Postscript needs a
 * paid plan.
 */
export async function setSmsProvider(input: SetSmsProviderInput, ctx: ShopContext): Promise<{ provider: SmsProvider }> {
  if (input.provider === "POSTSCRIPT" && ctx.shop.plan !== "PAID")
    throw new AppError("FORBIDDEN", SMS_PROVIDERS.POSTSCRIPT.paidPlanReason);
  const before = await prisma.smsSettings.findUnique({ where: { shopId: ctx.shop.id }, select: { provider: true } });
  const from = before?.provider ?? "BUILT_IN";
  await prisma.smsSettings.upsert({
    where: { shopId: ctx.shop.id },
    create: {
      shopId: ctx.shop.id,
      provider: input.provider,
      backInStockTemplate: SMS_TEMPLATES.backInStock.defaultText,
      reminderTemplate: SMS_TEMPLATES.reminder.defaultText,
      preorderTemplate: SMS_TEMPLATES.preorder.defaultText,
    },
    update: { provider: input.provider },
  });
  if (from !== input.provider) await recordAudit(ctx, "sms.provider_changed", { from, to: input.provider });
  return { provider: input.provider };
}
