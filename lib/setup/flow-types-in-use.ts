import { prisma } from "@/lib/db/prisma";
import { getOrderEditingSettings } from "@/lib/order-editing/get-order-editing-settings";
import { SMS_FLOW_TYPES } from "./setup-steps";

export type FlowTypesInUse = { sms: readonly string[]; orderEditing: string[] };

/**
 * The Postscript flows step 4 needs for what this shop actually uses: the back-in-stock and preorder SMS, plus
 * the order-editing moments once orders are being edited with Postscript told (the nudge when it is on), and the
 * upsell event of each placement an enabled strategy sends to Postscript.
 */
export async function flowTypesInUse(shopId: string): Promise<FlowTypesInUse> {
  const [rules, orders, strategies] = await Promise.all([
    getOrderEditingSettings(shopId),
    prisma.order.count({ where: { shopId } }),
    prisma.upsellStrategy.findMany({
      where: { shopId, enabled: true, notifyPostscript: true },
      select: { placement: true },
      distinct: ["placement"],
    }),
  ]);
  const orderEditing: string[] = [];
  if (rules.notifyPostscript && orders > 0) {
    orderEditing.push("order_editing_started", "order_editing_saved", "order_editing_abandoned");
    if (rules.deadlineNudgeEnabled) orderEditing.push("order_editing_deadline_approaching");
  }
  for (const { placement } of strategies) {
    orderEditing.push(placement === "DURING_EDITING" ? "upsell_recommendations" : "upsell_offers_available");
  }
  return { sms: SMS_FLOW_TYPES, orderEditing };
}
