import { prisma } from "@/lib/db/prisma";
import { ORDER_EDITING_ABANDONED } from "@/lib/deliveries/event-types";
import { getOrderEditingSettings } from "./get-order-editing-settings";
import { orderProperties } from "./order-event-properties";
import { queueOrderEvent } from "./queue-order-event";
import { requestReportsRollUp } from "@/lib/reports/request-reports-roll-up";

export type AbandonedCheck = "abandoned" | "saved" | "not_due" | "gone";

/**
 * The abandoned-edit check of one session, at or after its `abandonCheckAt`: a session still OPEN becomes
 * ABANDONED and "Order Editing Abandoned" is recorded (its own type, so merchants need no conditional branch in
 * Postscript). A save that came first wins: the status change only applies to an OPEN session, so a save racing
 * this check either happens before (nothing sent) or is still accepted after (the customer finished after all).
 */
export async function checkAbandonedEdit(orderEditId: string, now: Date = new Date()): Promise<AbandonedCheck> {
  const edit = await prisma.orderEdit.findUnique({
    where: { id: orderEditId },
    include: { order: { include: { shop: { select: { name: true, timeZone: true, uninstalledAt: true } } } } },
  });
  if (!edit || edit.order.shop.uninstalledAt) return "gone";
  if (edit.status !== "OPEN") return edit.status === "SAVED" ? "saved" : "abandoned";
  if (edit.abandonCheckAt && edit.abandonCheckAt > now) return "not_due";

  const marked = await prisma.orderEdit.updateMany({
    where: { id: edit.id, status: "OPEN" },
    data: { status: "ABANDONED", abandonedAt: now },
  });
  // The session changed between the read and the update (a save, or another check, the sweep beside this job,
  // that marked it and sent first): check again; it is no longer OPEN, so the answer is its status.
  if (marked.count === 0) return checkAbandonedEdit(orderEditId, now);
  requestReportsRollUp();

  const rules = await getOrderEditingSettings(edit.shopId);
  const { order } = edit;
  await queueOrderEvent({
    shopId: edit.shopId,
    orderId: order.id,
    orderEditId: edit.id,
    eventType: ORDER_EDITING_ABANDONED,
    cause: edit.id,
    recipient: { phone: order.phone, email: order.email },
    properties: { ...orderProperties({ shop: order.shop, order }), edit_started_at: edit.startedAt.toISOString() },
    integrations: { postscript: rules.notifyPostscript, klaviyo: rules.notifyKlaviyo },
  });
  return "abandoned";
}

/** When the session's abandoned check is due (ISO), or null when the session no longer exists or is not open. */
export async function findAbandonCheckAt(orderEditId: string): Promise<string | null> {
  const edit = await prisma.orderEdit.findUnique({
    where: { id: orderEditId },
    select: { status: true, abandonCheckAt: true },
  });
  return edit?.status === "OPEN" && edit.abandonCheckAt ? edit.abandonCheckAt.toISOString() : null;
}
