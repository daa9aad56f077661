import { prisma } from "@/lib/db/prisma";
import type { OrderEditingSettings } from "@/lib/generated/prisma/client";

export type OrderEditingRules = Pick<
  OrderEditingSettings,
  | "editWindowMinutes"
  | "editUntilFulfilled"
  | "abandonedDelayMinutes"
  | "deadlineNudgeEnabled"
  | "deadlineNudgeMinutes"
  | "notifyPostscript"
  | "notifyKlaviyo"
  | "notifyCustomerOnEdit"
>;

/** What a shop gets before it saves anything: a 2-hour window, abandoned check after 30 minutes, Postscript only. */
export const DEFAULT_ORDER_EDITING_RULES: OrderEditingRules = {
  editWindowMinutes: 120,
  editUntilFulfilled: false,
  abandonedDelayMinutes: 30,
  deadlineNudgeEnabled: false,
  deadlineNudgeMinutes: 30,
  notifyPostscript: true,
  notifyKlaviyo: false,
  notifyCustomerOnEdit: false,
};

/** The shop's order-editing rules (the defaults until the merchant saves some). */
export async function getOrderEditingSettings(shopId: string): Promise<OrderEditingRules> {
  const row = await prisma.orderEditingSettings.findUnique({ where: { shopId } });
  if (!row) return DEFAULT_ORDER_EDITING_RULES;
  const { id: _id, shopId: _shopId, updatedAt: _updatedAt, ...rules } = row;
  return rules;
}
