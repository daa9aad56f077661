import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { adminGraphql } from "@/lib/shopify/admin-graphql";
import type { OrderLineItem } from "@/lib/shopify/order-line-item";
import { shopifyIdSchema } from "@/lib/shopify/shopify-payload-schemas";
import type { ShippingAddress } from "./shipping-address";

type Money = { shopMoney: { amount: string; currencyCode: string } };
type Calculated = { id: string; totalPriceSet: Money; totalOutstandingSet: Money };
type UserErrors = { userErrors: { field: string[] | null; message: string }[] };

const CALCULATED = `calculatedOrder { id totalPriceSet { shopMoney { amount currencyCode } } totalOutstandingSet { shopMoney { amount currencyCode } } }`;

const BEGIN = `#graphql
  mutation PortalEditBegin($id: ID!) {
    orderEditBegin(id: $id) { ${CALCULATED.replace("calculatedOrder {", "calculatedOrder { lineItems(first: 250) { nodes { id quantity } }")} userErrors { field message } }
  }`;
const SET_QUANTITY = `#graphql
  mutation PortalEditSetQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!) {
    orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: true) { ${CALCULATED} userErrors { field message } }
  }`;
const ADD_VARIANT = `#graphql
  mutation PortalEditAddVariant($id: ID!, $variantId: ID!, $quantity: Int!) {
    orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, allowDuplicates: false) {
      calculatedLineItem { id } ${CALCULATED} userErrors { field message }
    }
  }`;
const ADD_DISCOUNT = `#graphql
  mutation PortalEditDiscount($id: ID!, $lineItemId: ID!, $discount: OrderEditAppliedDiscountInput!) {
    orderEditAddLineItemDiscount(id: $id, lineItemId: $lineItemId, discount: $discount) { ${CALCULATED} userErrors { field message } }
  }`;
const ORDER_FIELDS = `
  id
  currentSubtotalPriceSet { shopMoney { amount currencyCode } }
  currentTotalTaxSet { shopMoney { amount currencyCode } }
  totalShippingPriceSet { shopMoney { amount currencyCode } }
  currentTotalPriceSet { shopMoney { amount currencyCode } }
  lineItems(first: 250) { nodes { id title variantTitle sku quantity variant { id } discountedUnitPriceSet { shopMoney { amount currencyCode } } } }`;
const COMMIT = `#graphql
  mutation PortalEditCommit($id: ID!, $notifyCustomer: Boolean, $staffNote: String) {
    orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) { order { ${ORDER_FIELDS} } userErrors { field message } }
  }`;
const ORDER_UPDATE = `#graphql
  mutation PortalAddress($input: OrderInput!) {
    orderUpdate(input: $input) { order { id } userErrors { field message } }
  }`;
const ORDER = `#graphql
  query PortalOrder($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

type ShopifyOrder = {
  id: string;
  currentSubtotalPriceSet: Money;
  currentTotalTaxSet: Money;
  totalShippingPriceSet: Money;
  currentTotalPriceSet: Money;
  lineItems: {
    nodes: {
      id: string;
      title: string;
      variantTitle: string | null;
      sku: string | null;
      quantity: number;
      variant: { id: string } | null;
      discountedUnitPriceSet: Money;
    }[];
  };
};

/** What Shopify made of the edit: its lines and totals, and the money still owed (positive) or to refund (negative). */
export type ShopifyEditOutcome = {
  lineItems: OrderLineItem[];
  subtotal: string;
  tax: string;
  shipping: string;
  totalPrice: string;
  /** Balance the customer owes after the edit; negative: the refund Shopify computed. "0.00": nothing either way. */
  outstanding: string;
  currency: string;
};

export type ShopifyEditRequest = {
  shopId: string;
  shopifyOrderId: string;
  before: OrderLineItem[];
  /** Same order as `before`, then the added lines. */
  after: OrderLineItem[];
  /** Per added Shopify variant id: how much cheaper than its catalog price the upsell offer is, per unit. */
  unitDiscounts: Map<string, string>;
  /** The new address when it changed (and the one to restore if the edit is then refused), else null. */
  address: { next: ShippingAddress; previous: ShippingAddress | null } | null;
  notifyCustomer: boolean;
};

/** Shopify's refusal, worded for the customer: its reason and the promise that nothing changed. */
function refused(error: unknown): never {
  if (error instanceof AppError && error.code === "UPSTREAM") {
    const reason = error.message.replace(/^Shopify refused the (change|request): /, "");
    const known = error.message.startsWith("Shopify refused the change");
    throw new AppError(
      "CONFLICT",
      known
        ? `The store could not accept this change: ${reason} Nothing was changed.`
        : "The store could not be reached to save your changes. Nothing was changed; try again in a minute.",
    );
  }
  throw error;
}

const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;

function mailingAddress(address: ShippingAddress) {
  const [firstName, ...rest] = address.name.trim().split(/\s+/);
  return {
    firstName: firstName ?? "",
    lastName: rest.join(" "),
    address1: address.address1,
    address2: address.address2 || null,
    city: address.city,
    province: address.province || null,
    zip: address.zip,
    country: address.country,
  };
}

/** Shopify's order as our lines, keeping our catalog ids and product ids where we know the variant. */
async function linesOf(shopId: string, order: ShopifyOrder, known: OrderLineItem[]): Promise<OrderLineItem[]> {
  const variantIds = order.lineItems.nodes
    .map((n) => (n.variant ? shopifyIdSchema.parse(n.variant.id) : null))
    .filter((v): v is string => Boolean(v));
  const ours = new Map(
    (
      await prisma.variant.findMany({
        where: { shopId, shopifyVariantId: { in: variantIds } },
        select: { id: true, shopifyVariantId: true, product: { select: { shopifyProductId: true } } },
      })
    ).map((v) => [v.shopifyVariantId, v]),
  );
  return order.lineItems.nodes
    .filter((n) => n.quantity > 0)
    .map((n) => {
      const shopifyVariantId = n.variant ? shopifyIdSchema.parse(n.variant.id) : null;
      const local = shopifyVariantId ? ours.get(shopifyVariantId) : undefined;
      const previous = known.find((l) => l.shopifyVariantId === shopifyVariantId);
      return {
        shopifyLineItemId: shopifyIdSchema.parse(n.id),
        shopifyProductId: local?.product.shopifyProductId ?? previous?.shopifyProductId ?? null,
        shopifyVariantId,
        variantId: local?.id ?? previous?.variantId ?? null,
        title: n.title,
        variantTitle: n.variantTitle,
        quantity: n.quantity,
        price: n.discountedUnitPriceSet.shopMoney.amount,
        sku: n.sku,
      };
    });
}

function outcomeOf(order: ShopifyOrder, lines: OrderLineItem[], outstanding: string): ShopifyEditOutcome {
  return {
    lineItems: lines,
    subtotal: order.currentSubtotalPriceSet.shopMoney.amount,
    tax: order.currentTotalTaxSet.shopMoney.amount,
    shipping: order.totalShippingPriceSet.shopMoney.amount,
    totalPrice: order.currentTotalPriceSet.shopMoney.amount,
    outstanding: Number(outstanding).toFixed(2),
    currency: order.currentTotalPriceSet.shopMoney.currencyCode,
  };
}

/**
 * Writes a customer's edit to the order in Shopify: orderEditBegin, then orderEditSetQuantity for each changed
 * line (removed units restocked), orderEditAddVariant for each added item with orderEditAddLineItemDiscount for
 * an upsell's lower price, the address through orderUpdate, and orderEditCommit (notifyCustomer per the shop's
 * setting). Any user error before the commit leaves Shopify's order as it was (an uncommitted edit changes
 * nothing; an address already updated is put back), and throws AppError CONFLICT with Shopify's reason for the
 * customer. Returns Shopify's lines, tax, shipping and totals, and the balance due or refund it computed.
 */
export async function writeOrderEditToShopify(request: ShopifyEditRequest): Promise<ShopifyEditOutcome> {
  const { shopId, before, after } = request;
  const orderGid = gid("Order", request.shopifyOrderId);
  const linesChanged = after.length !== before.length || after.some((line, i) => line.quantity !== before[i]?.quantity);

  try {
    if (!linesChanged) {
      // Address only: no order edit, so no balance changes.
      await adminGraphql(shopId, ORDER_UPDATE, {
        input: { id: orderGid, shippingAddress: mailingAddress(request.address!.next) },
      });
      const { order } = await adminGraphql<{ order: ShopifyOrder | null }>(shopId, ORDER, { id: orderGid });
      if (!order) throw new AppError("UPSTREAM", "Shopify refused the change: the order no longer exists.");
      return outcomeOf(order, await linesOf(shopId, order, before), "0");
    }

    const begun = await adminGraphql<{
      orderEditBegin: { calculatedOrder: Calculated & { lineItems: { nodes: { id: string }[] } } } & UserErrors;
    }>(shopId, BEGIN, { id: orderGid });
    const calculated = begun.orderEditBegin.calculatedOrder;
    let latest: Calculated = calculated;
    const editable = new Set(calculated.lineItems.nodes.map((n) => n.id.split("/").pop()));
    for (let i = 0; i < before.length; i++) {
      const was = before[i]!;
      const now = after[i]!;
      if (now.quantity === was.quantity) continue;
      if (!was.shopifyLineItemId || !editable.has(was.shopifyLineItemId)) {
        throw new AppError(
          "UPSTREAM",
          `Shopify refused the change: ${was.title} can no longer be changed on this order.`,
        );
      }
      const set = await adminGraphql<{ orderEditSetQuantity: { calculatedOrder: Calculated } }>(shopId, SET_QUANTITY, {
        id: calculated.id,
        lineItemId: gid("CalculatedLineItem", was.shopifyLineItemId),
        quantity: now.quantity,
      });
      latest = set.orderEditSetQuantity.calculatedOrder;
    }
    for (const added of after.slice(before.length)) {
      if (!added.shopifyVariantId)
        throw new AppError("UPSTREAM", `Shopify refused the change: ${added.title} is not sold by this store.`);
      const add = await adminGraphql<{
        orderEditAddVariant: { calculatedLineItem: { id: string }; calculatedOrder: Calculated };
      }>(shopId, ADD_VARIANT, {
        id: calculated.id,
        variantId: gid("ProductVariant", added.shopifyVariantId),
        quantity: added.quantity,
      });
      latest = add.orderEditAddVariant.calculatedOrder;
      const discount = request.unitDiscounts.get(added.shopifyVariantId);
      if (discount && Number(discount) > 0) {
        const discounted = await adminGraphql<{ orderEditAddLineItemDiscount: { calculatedOrder: Calculated } }>(
          shopId,
          ADD_DISCOUNT,
          {
            id: calculated.id,
            lineItemId: add.orderEditAddVariant.calculatedLineItem.id,
            discount: {
              description: "Offer while editing your order",
              fixedValue: { amount: discount, currencyCode: latest.totalPriceSet.shopMoney.currencyCode },
            },
          },
        );
        latest = discounted.orderEditAddLineItemDiscount.calculatedOrder;
      }
    }
    const outstanding = latest.totalOutstandingSet.shopMoney.amount;

    if (request.address)
      await adminGraphql(shopId, ORDER_UPDATE, {
        input: { id: orderGid, shippingAddress: mailingAddress(request.address.next) },
      });
    let committed: { orderEditCommit: { order: ShopifyOrder } };
    try {
      committed = await adminGraphql(shopId, COMMIT, {
        id: calculated.id,
        notifyCustomer: request.notifyCustomer,
        staffNote: "Edited by the customer in the Signalboard order portal",
      });
    } catch (error) {
      // The edit was refused at the last step: put the address back so nothing changed anywhere.
      if (request.address?.previous) {
        await adminGraphql(shopId, ORDER_UPDATE, {
          input: { id: orderGid, shippingAddress: mailingAddress(request.address.previous) },
        }).catch((restoreError: unknown) => {
          console.error(
            `[order-editing] address of order ${request.shopifyOrderId} could not be restored after a refused edit:`,
            restoreError instanceof Error ? restoreError.message : restoreError,
          );
        });
      }
      throw error;
    }
    const order = committed.orderEditCommit.order;
    return outcomeOf(order, await linesOf(shopId, order, after), outstanding);
  } catch (error) {
    refused(error);
  }
}
