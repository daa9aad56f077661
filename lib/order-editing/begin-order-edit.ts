import { prisma } from "@/lib/db/prisma";
import { ORDER_EDITING_STARTED, UPSELL_RECOMMENDATIONS } from "@/lib/deliveries/event-types";
import { AppError } from "@/lib/errors/app-error";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import { matchUpsellStrategy } from "@/lib/upsell/match-upsell-strategy";
import { closedEditingMessage } from "./closed-editing-message";
import { abandonCheckAt, editingState } from "./edit-deadline";
import { findPortalOrder } from "./find-portal-order";
import { getOrderEditingSettings } from "./get-order-editing-settings";
import { offerProperties, orderProperties } from "./order-event-properties";
import { orderProductLines } from "./order-product-lines";
import { queueOrderEvent } from "./queue-order-event";
import { requestReportsRollUp } from "@/lib/reports/request-reports-roll-up";

/** Refuses with the customer-facing reason when the order can no longer be edited (or the shop left the app). */
export function assertEditable(order: Awaited<ReturnType<typeof findPortalOrder>>, now: Date) {
  if (order.shop.uninstalledAt)
    throw new AppError("GONE", `${order.shop.name} no longer offers order editing. Contact the store for changes.`);
  const state = editingState(order, now);
  if (!state.open) throw new AppError("GONE", closedEditingMessage(state, order.shop.timeZone));
}

/**
 * The customer begins editing in the portal. Starts an edit session (or continues the open one, so a reload or a
 * second tab sends nothing again) and, for a new session:
 * - records "Order Editing Started" for the shop's selected integrations;
 * - records "Upsell Recommendations" when a during-editing strategy matches (for its own integrations);
 * - schedules the abandoned-edit check (the order-edit-abandoned job sleeps until `abandonCheckAt`, on Inngest or
 *   the local runner; the order-editing sweep covers a lost hand-off).
 */
export async function beginOrderEdit(
  token: string,
  now: Date = new Date(),
): Promise<{ orderEditId: string; started: boolean }> {
  const order = await findPortalOrder(token);
  assertEditable(order, now);
  const rules = await getOrderEditingSettings(order.shopId);
  // The order row's lock makes two tabs (or a double click) agree on one session, so Started is recorded once.
  const { edit, created } = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${order.id} FOR UPDATE`;
    const open = await tx.orderEdit.findFirst({
      where: { orderId: order.id, status: "OPEN" },
      orderBy: { startedAt: "desc" },
    });
    if (open) return { edit: open, created: false };
    const checkAt = abandonCheckAt(now, rules.abandonedDelayMinutes, order.editDeadline);
    return {
      edit: await tx.orderEdit.create({
        data: { shopId: order.shopId, orderId: order.id, startedAt: now, abandonCheckAt: checkAt },
      }),
      created: true,
    };
  });
  if (!created) return { orderEditId: edit.id, started: false };
  requestReportsRollUp();
  const recipient = { phone: order.phone, email: order.email };
  const base = orderProperties({ shop: order.shop, order });
  await queueOrderEvent({
    shopId: order.shopId,
    orderId: order.id,
    orderEditId: edit.id,
    eventType: ORDER_EDITING_STARTED,
    cause: edit.id,
    recipient,
    properties: base,
    integrations: { postscript: rules.notifyPostscript, klaviyo: rules.notifyKlaviyo },
  });

  const matched = await matchUpsellStrategy(
    order.shopId,
    "DURING_EDITING",
    await orderProductLines(order.shopId, readOrderLineItems(order.lineItems)),
  );
  if (matched) {
    await queueOrderEvent({
      shopId: order.shopId,
      orderId: order.id,
      orderEditId: edit.id,
      upsellStrategyId: matched.strategy.id,
      eventType: UPSELL_RECOMMENDATIONS,
      cause: edit.id,
      recipient,
      properties: { ...base, ...offerProperties(matched.strategy.name, matched.offers) },
      integrations: { postscript: matched.strategy.notifyPostscript, klaviyo: matched.strategy.notifyKlaviyo },
      recordPostscriptNotSelected: true,
    });
  }

  try {
    await sendJobEvent("orderEditStarted", { shopId: order.shopId, orderEditId: edit.id });
  } catch (error) {
    // The session is stored with its check time: the order-editing sweep cron sends the abandoned event instead.
    console.error(
      "[order-editing] could not schedule the abandoned check; the sweep will run it:",
      error instanceof Error ? error.message : error,
    );
  }
  return { orderEditId: edit.id, started: true };
}
