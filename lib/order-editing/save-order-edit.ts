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
import { orderProperties } from "./order-event-properties";
import { orderProductLines } from "./order-product-lines";
import { queueOrderEvent } from "./queue-order-event";
import type { SaveOrderEditInput } from "./save-order-edit-schema";
import { readShippingAddress } from "./shipping-address";
import { writeOrderEditToShopify, type ShopifyEditOutcome } from "./write-order-edit-to-shopify";
import { requestReportsRollUp } from "@/lib/reports/request-reports-roll-up";

const bad = (message: string) => new AppError("BAD_REQUEST", message);

type LineChanges = { after: OrderLineItem[]; unitDiscounts: Map<string, string> };

/**
 * The order's lines after the customer's quantities and additions, checked against the shop's catalog, and per
 * added Shopify variant how much the upsell offer takes off its catalog price (Shopify gets it as a line discount).
 */
async function applyLineChanges(
  shopId: string,
  before: OrderLineItem[],
  input: SaveOrderEditInput,
): Promise<LineChanges> {
  const after = before.map((line) => ({ ...line }));
  const unitDiscounts = new Map<string, string>();
  for (const { index, quantity } of input.lines) {
    const line = after[index];
    if (!line) throw bad("An item you changed is no longer in this order: reload the page and try again.");
    line.quantity = quantity;
  }
  if (input.added.length === 0) return { after, unitDiscounts };

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
      const offer = offerPrice.get(variant.id);
      if (offer !== undefined && Number(offer) < Number(variant.price))
        unitDiscounts.set(variant.shopifyVariantId, (Number(variant.price) - Number(offer)).toFixed(2));
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
  return { after, unitDiscounts };
}

/** Refuses an edit that asks for more units than the shop has of any variant whose quantity went up. */
async function assertInStock(shopId: string, before: OrderLineItem[], after: OrderLineItem[]): Promise<void> {
  const units = (lines: OrderLineItem[], id: string) =>
    lines.filter((l) => l.variantId === id).reduce((n, l) => n + l.quantity, 0);
  const increased = [...new Set(after.map((l) => l.variantId).filter((id): id is string => Boolean(id)))].filter(
    (id) => units(after, id) > units(before, id),
  );
  if (increased.length === 0) return;
  const variants = await prisma.variant.findMany({
    where: { shopId, id: { in: increased } },
    include: { product: { select: { title: true } } },
  });
  for (const variant of variants) {
    const more = units(after, variant.id) - units(before, variant.id);
    if (!variant.preorder && more > Math.max(variant.available, 0)) {
      throw bad(
        `Only ${Math.max(variant.available, 0)} more of ${variant.product.title} (${variant.title}) can be added: lower the quantity.`,
      );
    }
  }
}

const ALREADY_SAVED = "These changes were already saved. Reload the page to see your order as it is now.";
/** A save still "being written" after this long died mid-way (the Shopify call is far shorter): it may be retried. */
const WRITING_STALE_MS = 2 * 60_000;

/** What the customer is told about money after the save: Shopify's balance due or refund, when there is one. */
export type EditBalance = { kind: "due" | "refund"; amount: string; currency: string } | null;

function balanceOf(outcome: ShopifyEditOutcome): EditBalance {
  const amount = Number(outcome.outstanding);
  if (amount === 0) return null;
  return { kind: amount > 0 ? "due" : "refund", amount: Math.abs(amount).toFixed(2), currency: outcome.currency };
}

/**
 * Saves the customer's edit of an open session: new quantities, added items (upsell offers at the strategy's
 * price), and the shipping address. Everything is checked first, and a refused edit changes nothing.
 *
 * For a shop connected to Shopify the edit is written to Shopify's order first (writeOrderEditToShopify): only
 * when Shopify accepts is our copy updated — with Shopify's lines, tax, shipping and total — and "Order Editing
 * Saved" recorded; Shopify's refusal reaches the customer and changes nothing. No database transaction is open
 * during the Shopify calls: the session is claimed (`writingAt`) first, so a second save of it meanwhile — a
 * double click, another tab — is refused. A shop that was never connected (seeded demo data) has only our copy,
 * which is updated with the local total. Returns the balance due or refund Shopify computed.
 */
export async function saveOrderEdit(
  input: SaveOrderEditInput,
  now: Date = new Date(),
): Promise<{ orderEditId: string; changes: OrderChanges; totalPrice: string; balance: EditBalance }> {
  const order = await findPortalOrder(input.token);
  assertEditable(order, now);
  const edit = await prisma.orderEdit.findFirst({ where: { id: input.orderEditId, orderId: order.id } });
  if (!edit) throw bad("This editing session is not valid for this order: reload the page and try again.");
  if (edit.status === "SAVED") throw new AppError("CONFLICT", ALREADY_SAVED);

  const before = readOrderLineItems(order.lineItems);
  const { after, unitDiscounts } = await applyLineChanges(order.shopId, before, input);
  await assertInStock(order.shopId, before, after);
  if (!after.some((line) => line.quantity > 0)) {
    throw bad("An order needs at least one item. To cancel the whole order, contact the store.");
  }
  const addressBefore = readShippingAddress(order.shippingAddress);
  const changes = describeOrderChanges(before, after, addressBefore, input.shippingAddress);
  if (isEmptyChange(changes))
    throw bad("Nothing changed: adjust a quantity, add an item or change the address, then save.");

  const connection = await prisma.shopifyToken.findUnique({
    where: { shopId: order.shopId },
    select: { revokedAt: true },
  });
  if (connection?.revokedAt) {
    throw new AppError(
      "UPSTREAM",
      "The store cannot take changes right now. Nothing was changed; please try again later or contact the store.",
    );
  }
  const claimed = await prisma.orderEdit.updateMany({
    where: {
      id: edit.id,
      status: { in: ["OPEN", "ABANDONED"] },
      OR: [{ writingAt: null }, { writingAt: { lt: new Date(now.getTime() - WRITING_STALE_MS) } }],
    },
    data: { writingAt: now },
  });
  if (claimed.count === 0) throw new AppError("CONFLICT", ALREADY_SAVED);

  const rules = await getOrderEditingSettings(order.shopId);
  const kept = after.filter((line) => line.quantity > 0);
  let written: { lineItems: OrderLineItem[]; totalPrice: string; balance: EditBalance };
  try {
    if (connection) {
      if (!order.shopifyOrderId)
        throw new AppError(
          "CONFLICT",
          "This order cannot be changed online. Nothing was changed; please contact the store.",
        );
      const outcome = await writeOrderEditToShopify({
        shopId: order.shopId,
        shopifyOrderId: order.shopifyOrderId,
        before,
        after,
        unitDiscounts,
        address:
          changes.addressChanged && input.shippingAddress
            ? { next: input.shippingAddress, previous: addressBefore }
            : null,
        notifyCustomer: rules.notifyCustomerOnEdit,
      });
      written = { lineItems: outcome.lineItems, totalPrice: outcome.totalPrice, balance: balanceOf(outcome) };
    } else {
      written = { lineItems: kept, totalPrice: editedOrderTotal(order.totalPrice, before, kept), balance: null };
    }
  } catch (error) {
    await prisma.orderEdit.update({ where: { id: edit.id }, data: { writingAt: null } });
    throw error;
  }

  await prisma.$transaction(async (tx) => {
    await tx.orderEdit.update({
      where: { id: edit.id },
      data: { status: "SAVED", savedAt: now, changes, writingAt: null },
    });
    await tx.order.update({
      where: { id: order.id },
      data: {
        lineItems: written.lineItems,
        ...(changes.addressChanged && input.shippingAddress ? { shippingAddress: input.shippingAddress } : {}),
        totalPrice: written.totalPrice,
        lastEditedAt: now,
      },
    });
  });
  const totalPrice = written.totalPrice;

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
  requestReportsRollUp();
  return { orderEditId: edit.id, changes, totalPrice, balance: written.balance };
}
