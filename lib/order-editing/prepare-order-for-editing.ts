import { prisma } from "@/lib/db/prisma";
import { UPSELL_OFFERS_AVAILABLE } from "@/lib/deliveries/event-types";
import { AppError } from "@/lib/errors/app-error";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import { matchUpsellStrategy } from "@/lib/upsell/match-upsell-strategy";
import { deadlineNudgeAt, editDeadlineFor, editingState } from "./edit-deadline";
import { getOrderEditingSettings } from "./get-order-editing-settings";
import { orderProperties } from "./order-event-properties";
import { orderProductLines } from "./order-product-lines";
import { queueOrderEvent } from "./queue-order-event";

/**
 * Makes a just-stored order editable (safe to call again for the same order):
 * 1. gives it its editing deadline (placed time + the shop's window; none for "until fulfilled");
 * 2. when an Order Status upsell strategy matches, records "Upsell Offers Available" with the deadline and link;
 * 3. when the deadline nudge is on, schedules it (an Inngest function sleeps until then; the order-editing
 *    sweep finds it too when that hand-off failed or Inngest is not running).
 */
export async function prepareOrderForEditing(orderId: string, now: Date = new Date()): Promise<void> {
  const found = await prisma.order.findUnique({
    where: { id: orderId },
    include: { shop: { select: { name: true, timeZone: true, uninstalledAt: true } } },
  });
  if (!found) throw new AppError("NOT_FOUND", "That order was not stored.");
  if (found.shop.uninstalledAt) return;
  const rules = await getOrderEditingSettings(found.shopId);

  let order = found;
  if (!order.editDeadline && !rules.editUntilFulfilled) {
    const deadline = editDeadlineFor(order.placedAt ?? order.createdAt, rules);
    await prisma.order.updateMany({ where: { id: order.id, editDeadline: null }, data: { editDeadline: deadline } });
    order = {
      ...order,
      ...(await prisma.order.findUniqueOrThrow({ where: { id: order.id }, select: { editDeadline: true } })),
    };
  }
  if (!editingState(order, now).open) return;

  const matched = await matchUpsellStrategy(
    order.shopId,
    "ORDER_STATUS",
    await orderProductLines(order.shopId, readOrderLineItems(order.lineItems)),
  );
  if (matched) {
    await queueOrderEvent({
      shopId: order.shopId,
      orderId: order.id,
      eventType: UPSELL_OFFERS_AVAILABLE,
      cause: order.id,
      recipient: { phone: order.phone, email: order.email },
      properties: {
        ...orderProperties({ shop: order.shop, order }),
        strategy_name: matched.strategy.name,
        offer_count: matched.offers.length,
      },
      integrations: { postscript: matched.strategy.notifyPostscript, klaviyo: matched.strategy.notifyKlaviyo },
      recordPostscriptNotSelected: true,
      upsellStrategyId: matched.strategy.id,
    });
  }

  if (deadlineNudgeAt(order.editDeadline, rules)) {
    try {
      await sendJobEvent("orderReceived", { shopId: order.shopId, orderId: order.id });
    } catch (error) {
      console.error(
        "[order-editing] could not schedule the deadline nudge; the sweep will send it:",
        error instanceof Error ? error.message : error,
      );
    }
  }
}
