import { prisma } from "@/lib/db/prisma";
import { ORDER_EDITING_DEADLINE_APPROACHING } from "@/lib/deliveries/event-types";
import { deadlineNudgeAt, editingState } from "./edit-deadline";
import { getOrderEditingSettings } from "./get-order-editing-settings";
import { orderProperties } from "./order-event-properties";
import { queueOrderEvent } from "./queue-order-event";

export type DeadlineNudge = "sent" | "disabled" | "closed" | "already_edited" | "gone";

/**
 * "Order Editing Deadline Approaching" for one order, when the shop has the nudge on, the order can still be
 * edited and the customer has not saved an edit. Recorded once per order (the ledger key is the order).
 */
export async function sendDeadlineNudge(orderId: string, now: Date = new Date()): Promise<DeadlineNudge> {
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    include: { shop: { select: { name: true, timeZone: true, uninstalledAt: true } } },
  });
  if (!order || order.shop.uninstalledAt) return "gone";
  const rules = await getOrderEditingSettings(order.shopId);
  if (!rules.deadlineNudgeEnabled || (!rules.notifyPostscript && !rules.notifyKlaviyo)) return "disabled";
  const state = editingState(order, now);
  if (!state.open || !state.deadline) return "closed";
  if (await prisma.orderEdit.count({ where: { orderId: order.id, status: "SAVED" } })) return "already_edited";

  await queueOrderEvent({
    shopId: order.shopId,
    orderId: order.id,
    eventType: ORDER_EDITING_DEADLINE_APPROACHING,
    cause: order.id,
    recipient: { phone: order.phone, email: order.email },
    properties: {
      ...orderProperties({ shop: order.shop, order }),
      minutes_left: Math.max(1, Math.round((state.deadline.getTime() - now.getTime()) / 60_000)),
    },
    integrations: { postscript: rules.notifyPostscript, klaviyo: rules.notifyKlaviyo },
  });
  return "sent";
}

/** When the order's deadline nudge is due (ISO), or null when there is none (no deadline, nudge off, order gone). */
export async function findDeadlineNudgeAt(orderId: string): Promise<string | null> {
  const order = await prisma.order.findUnique({ where: { id: orderId }, select: { shopId: true, editDeadline: true } });
  if (!order) return null;
  return deadlineNudgeAt(order.editDeadline, await getOrderEditingSettings(order.shopId))?.toISOString() ?? null;
}
