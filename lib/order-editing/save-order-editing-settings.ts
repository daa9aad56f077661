import { recordAudit } from "@/lib/audit/record-audit";
import type { ShopContext } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import type { OrderEditingRules } from "./get-order-editing-settings";
import type { OrderEditingSettingsInput } from "./order-editing-settings-schema";

/** Saves the shop's order-editing rules; a new window applies to orders that arrive from now on. */
export async function saveOrderEditingSettings(
  input: OrderEditingSettingsInput,
  ctx: ShopContext,
): Promise<OrderEditingRules> {
  const rules: OrderEditingRules = {
    editUntilFulfilled: input.editWindow === "fulfilled",
    // "Until fulfilled" keeps the last window so switching back restores it.
    editWindowMinutes: input.editWindow === "fulfilled" ? await currentWindow(ctx.shop.id) : input.editWindow,
    abandonedDelayMinutes: input.abandonedDelayMinutes,
    deadlineNudgeEnabled: input.deadlineNudgeEnabled,
    deadlineNudgeMinutes: input.deadlineNudgeMinutes,
    notifyPostscript: input.notifyPostscript,
    notifyKlaviyo: input.notifyKlaviyo,
    notifyCustomerOnEdit: input.notifyCustomerOnEdit,
  };
  await prisma.orderEditingSettings.upsert({
    where: { shopId: ctx.shop.id },
    create: { shopId: ctx.shop.id, ...rules },
    update: rules,
  });
  await recordAudit(ctx, "order_editing.settings_saved", { ...rules });
  return rules;
}

async function currentWindow(shopId: string): Promise<number> {
  const row = await prisma.orderEditingSettings.findUnique({ where: { shopId }, select: { editWindowMinutes: true } });
  return row?.editWindowMinutes ?? 120;
}
