import { prisma } from "@/lib/db/prisma";
import { ORDER_EDITING_SAVED } from "@/lib/deliveries/event-types";
import { AppError } from "@/lib/errors/app-error";
import { readOrderLineItems, type OrderLineItem } from "@/lib/shopify/order-line-item";
import { matchUpsellStrategy } from "@/lib/upsell/match-upsell-strategy";
import { assertEditable } from "./begin-order-edit";
import { editedOrderTotal } from "./edited-order-total";
import { describeOrderChanges, isEmptyChange, type OrderChanges } from "./describe-order-changes";
import { findPortalOrder } from "./find-portal-order";
import { getOrderEditingSettings } from "./get-order-editing-settings";
import { localOrderEditWriter, type OrderEditWriter } from "./order-edit-writer";
import { orderProperties } from "./order-event-properties";
import { orderProductLines } from "./order-product-lines";
import { queueOrderEvent } from "./queue-order-event";
import type { SaveOrderEditInput } from "./save-order-edit-schema";
import { readShippingAddress } from "./shipping-address";


const bad = (message: string) => new AppError("BAD_REQUEST", message);

/** The order's lines after the customer's quantities and additions, checked against the shop's catalog and stock. */
async function applyLineChanges(shopId: string, before: OrderLineItem[], input: SaveOrderEditInput): Promise<OrderLineItem[]> {
  const after = before.map((line) => ({ ...line }));
  for (const { index, quantity } of input.lines) {
    const line = after[index];
    if (!line) throw bad("An item you changed is no longer in this order: reload the page and try again.");
    line.quantity = quantity;
  }
  if (input.added.length === 0) return after;

  const variants = await prisma.variant.findMany({
    where: { shopId, id: { in: input.added.map((a) => a.variantId) }, product: { published: true } },
    include: { product: { select: { title: true, shopifyProductId: true } } },
  });
  const byId = new Map(variants.map((v) => [v.id, v]));
  // Upsell prices come from the strategy on the server, never from the browser.
  const matched = await matchUpsellStrategy(shopId, "DURING_EDITING", await orderProductLines(shopId, before));
  const offerPrice = new Map(matched?.offers.map((offer) => [offer.variantId, offer.price]) ?? []);

  for (const { variantId, quantity } of input.added) {
    const variant = byId.get(variantId);
    if (!variant) throw bad("An item you added is not available from this store any more: remove it and try again.");
    const existing = after.find((line) => line.variantId === variant.id);
    if (existing) existing.quantity += quantity;
    else {
      after.push({
        shopifyLineItemId: null,
        shopifyProductId: variant.product.shopifyProductId,
        shopifyVariantId: variant.shopifyVariantId,
        variantId: variant.id,
        title: variant.product.title,
        variantTitle: variant.title === "Default Title" ? null : variant.title,
        quantity,
        price: offerPrice.get(variant.id) ?? variant.price,
        sku: variant.sku,
      });
    }
  }
  return after;
}

/** Refuses an edit that asks for more units than the shop has of any variant whose quantity went up. */
async function assertInStock(shopId: string, before: OrderLineItem[], after: OrderLineItem[]): Promise<void> {
  const units = (lines: OrderLineItem[], id: string) => lines.filter((l) => l.variantId === id).reduce((n, l) => n + l.quantity, 0);
  const increased = [...new Set(after.map((l) => l.variantId).filter((id): id is string => Boolean(id)))].filter((id) => units(after, id) > units(before, id));
  if (increased.length === 0) return;
  const variants = await prisma.variant.findMany({ where: { shopId, id: { in: increased } }, include: { product: { select: { title: true } } } });
  for (const variant of variants) {
    const more = units(after, variant.id) - units(before, variant.id);
    if (!variant.preorder && more > Math.max(variant.available, 0)) {
      throw bad(`Only ${Math.max(variant.available, 0)} more of ${variant.product.title} (${variant.title}) can be added: lower the quantity.`);
    }
  }
}


/**
 * Saves the customer's edit of an open session: new quantities, added items (upsell offers at the strategy's
 * price), and the shipping address. Everything is checked first, and a refused edit changes nothing. The edit is
 * written through `writer` (Shopify's order-edit API in production, the local order here) in the same transaction
 * that closes the session, so a second save of the same session — a double click, another tab — is refused.
 * Then "Order Editing Saved" is recorded with what changed; the abandoned-edit check will find the session saved.
 */
export async function saveOrderEdit(
  input: SaveOrderEditInput,
  now: Date = new Date(),
  writer: OrderEditWriter = localOrderEditWriter,
): Promise<{ orderEditId: string; changes: OrderChanges; totalPrice: string }> {
  const order = await findPortalOrder(input.token);
  assertEditable(order, now);
  const edit = await prisma.orderEdit.findFirst({ where: { id: input.orderEditId, orderId: order.id } });
  if (!edit) throw bad("This editing session is not valid for this order: reload the page and try again.");
  if (edit.status === "SAVED") throw new AppError("CONFLICT", "These changes were already saved. Reload the page to see your order as it is now.");

  const before = readOrderLineItems(order.lineItems);
  const after = await applyLineChanges(order.shopId, before, input);
  await assertInStock(order.shopId, before, after);
  if (!after.some((line) => line.quantity > 0)) {
    throw bad("An order needs at least one item. To cancel the whole order, contact the store.");
  }
  const addressBefore = readShippingAddress(order.shippingAddress);
  const changes = describeOrderChanges(before, after, addressBefore, input.shippingAddress);
  if (isEmptyChange(changes)) throw bad("Nothing changed: adjust a quantity, add an item or change the address, then save.");

  const lineItems = after.filter((line) => line.quantity > 0);
  const totalPrice = editedOrderTotal(order.totalPrice, before, lineItems);

  await prisma.$transaction(async (tx) => {
    const claimed = await tx.orderEdit.updateMany({
      where: { id: edit.id, status: { in: ["OPEN", "ABANDONED"] } },
      data: { status: "SAVED", savedAt: now, changes },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", "These changes were already saved. Reload the page to see your order as it is now.");
    await writer.apply({ orderId: order.id, lineItems, shippingAddress: changes.addressChanged ? input.shippingAddress : null, totalPrice, editedAt: now }, tx);
  });

  const rules = await getOrderEditingSettings(order.shopId);
  await queueOrderEvent({
    shopId: order.shopId,
    orderId: order.id,
    orderEditId: edit.id,
    eventType: ORDER_EDITING_SAVED,
    cause: edit.id,
    recipient: { phone: order.phone, email: order.email },
    properties: {
      ...orderProperties({ shop: order.shop, order }),
      changes_summary: changes.summary,
      items_added: changes.added.length,
      items_removed: changes.removed.length,
      quantities_changed: changes.quantityChanges.length,
      address_changed: changes.addressChanged,
      new_total: totalPrice,
      currency: order.currency ?? order.shop.currency,
    },
    integrations: { postscript: rules.notifyPostscript, klaviyo: rules.notifyKlaviyo },
  });
  return { orderEditId: edit.id, changes, totalPrice };
}
