import { catalogVariants } from "./standin-catalog";
import {
  cents,
  money,
  onlineAvailable,
  orderTotals,
  standinAddressSchema,
  type StandinLine,
  type StandinOrder,
} from "./standin-orders";
import type { StandinState } from "./standin-state";

type UserError = { field: string[] | null; message: string };
const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
const tail = (id: string) => id.split("/").pop()?.split("?")[0] ?? "";
const refuse = (field: string[] | null, message: string) => ({ userErrors: [{ field, message }] as UserError[] });

/** The edit-related Admin API over a store's stand-in orders: order, orderEdit* and orderUpdate, with Shopify's user errors. */
export function orderResolvers(
  state: StandinState,
  domain: string,
  webhook: (topic: string, payload: unknown) => void,
) {
  const orders = state.storeOrders(domain);
  const bag = (amountCents: number, currency: string) => {
    const m = { amount: money(amountCents), currencyCode: currency };
    return { shopMoney: m, presentmentMoney: m };
  };
  const lineView = (line: StandinLine, order: StandinOrder, type: "LineItem" | "CalculatedLineItem") => ({
    id: gid(type, line.id),
    title: line.title,
    variantTitle: line.variantTitle,
    sku: line.sku,
    quantity: line.quantity,
    currentQuantity: line.quantity,
    editableQuantity: line.quantity,
    variant: {
      id: gid("ProductVariant", line.variantId),
      legacyResourceId: line.variantId,
      title: line.variantTitle ?? line.title,
    },
    originalUnitPriceSet: bag(line.priceCents, order.currency),
    discountedUnitPriceSet: bag(line.priceCents - line.discountCents, order.currency),
  });
  const list =
    <T>(items: T[]) =>
    () => ({
      nodes: items,
      edges: items.map((node, i) => ({ cursor: String(i), node })),
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  const orderView = (order: StandinOrder) => {
    const totals = orderTotals(order, order.lines);
    const address = order.shippingAddress;
    return {
      id: gid("Order", order.id),
      legacyResourceId: order.id,
      name: order.name,
      currencyCode: order.currency,
      displayFinancialStatus: order.financialStatus,
      displayFulfillmentStatus: order.fulfilled ? "FULFILLED" : "UNFULFILLED",
      cancelledAt: order.cancelled ? order.createdAt : null,
      lineItems: list(order.lines.filter((l) => l.quantity > 0).map((l) => lineView(l, order, "LineItem"))),
      currentSubtotalPriceSet: bag(totals.subtotal, order.currency),
      currentTotalTaxSet: bag(totals.tax, order.currency),
      totalShippingPriceSet: bag(totals.shipping, order.currency),
      currentTotalPriceSet: bag(totals.total, order.currency),
      totalOutstandingSet: bag(Math.max(0, totals.outstanding), order.currency),
      shippingAddress: address ? { ...address, countryCodeV2: address.countryCode } : null,
    };
  };
  const calculatedView = (session: NonNullable<ReturnType<typeof state.editSessions.get>>) => {
    const order = orders.get(session.orderId)!;
    const totals = orderTotals(order, session.lines);
    return {
      id: session.id,
      originalOrder: orderView(order),
      lineItems: list(session.lines.filter((l) => l.quantity > 0).map((l) => lineView(l, order, "CalculatedLineItem"))),
      subtotalPriceSet: bag(totals.subtotal, order.currency),
      totalPriceSet: bag(totals.total, order.currency),
      // Negative: Shopify owes the customer a refund.
      totalOutstandingSet: bag(totals.outstanding, order.currency),
      taxLines: [{ title: "Tax", rate: order.taxRate, priceSet: bag(totals.tax, order.currency) }],
      shippingLines: [{ title: "Shipping", priceSet: bag(totals.shipping, order.currency) }],
    };
  };
  const session = (id: string) => {
    const found = state.editSessions.get(id);
    return found && found.domain === domain && !found.committed ? found : null;
  };
  const noSession = () => ({
    calculatedOrder: null,
    calculatedLineItem: null,
    ...refuse(["id"], "The order edit session does not exist or was already committed."),
  });
  /** Shopify refuses increases beyond what the online locations hold (and unknown variants). */
  const stockProblem = (variantId: string, more: number): string | null => {
    if (more <= 0) return null;
    const { inventoryItemId, available } = onlineAvailable(state.catalog(domain), variantId);
    if (!inventoryItemId) return "The variant does not exist.";
    return more > available ? `Only ${Math.max(0, available)} items are available: the variant is out of stock.` : null;
  };

  return {
    order: (args: { id: string }) => {
      const order = orders.get(tail(args.id));
      return order ? orderView(order) : null;
    },
    orderEditBegin: (args: { id: string }) => {
      const order = orders.get(tail(args.id));
      if (!order) return { calculatedOrder: null, ...refuse(["id"], "Order does not exist") };
      if (order.cancelled)
        return { calculatedOrder: null, ...refuse(["id"], "The order has been canceled and can't be edited.") };
      if (order.fulfilled)
        return { calculatedOrder: null, ...refuse(["id"], "The order has been fulfilled and can't be edited.") };
      if (order.financialStatus === "PENDING")
        return { calculatedOrder: null, ...refuse(["id"], "The order can't be edited while its payment is pending.") };
      const id = gid("CalculatedOrder", String(state.id()));
      state.editSessions.set(id, {
        id,
        domain,
        orderId: order.id,
        lines: order.lines.map((l) => ({ ...l })),
        committed: false,
      });
      return { calculatedOrder: calculatedView(state.editSessions.get(id)!), userErrors: [] };
    },
    orderEditSetQuantity: (args: { id: string; lineItemId: string; quantity: number }) => {
      const edit = session(args.id);
      if (!edit) return noSession();
      const line = edit.lines.find((l) => l.id === tail(args.lineItemId));
      if (!line)
        return {
          calculatedOrder: null,
          calculatedLineItem: null,
          ...refuse(["lineItemId"], "The line item does not exist on this order."),
        };
      if (args.quantity < 0)
        return {
          calculatedOrder: null,
          calculatedLineItem: null,
          ...refuse(["quantity"], "Quantity must be greater than or equal to 0."),
        };
      const original = orders.get(edit.orderId)!.lines.find((l) => l.id === line.id)?.quantity ?? 0;
      const problem = stockProblem(line.variantId, args.quantity - Math.max(original, line.quantity));
      if (problem) return { calculatedOrder: null, calculatedLineItem: null, ...refuse(["quantity"], problem) };
      line.quantity = args.quantity;
      return {
        calculatedOrder: calculatedView(edit),
        calculatedLineItem: lineView(line, orders.get(edit.orderId)!, "CalculatedLineItem"),
        userErrors: [],
      };
    },
    orderEditAddVariant: (args: { id: string; variantId: string; quantity: number }) => {
      const edit = session(args.id);
      if (!edit) return noSession();
      const variantId = tail(args.variantId);
      const found = catalogVariants(state.catalog(domain)).find(({ variant }) => variant.id === variantId);
      if (!found)
        return {
          calculatedOrder: null,
          calculatedLineItem: null,
          ...refuse(["variantId"], "The variant does not exist."),
        };
      if (args.quantity <= 0)
        return {
          calculatedOrder: null,
          calculatedLineItem: null,
          ...refuse(["quantity"], "Quantity must be greater than 0."),
        };
      const problem = stockProblem(variantId, args.quantity);
      if (problem)
        return {
          calculatedOrder: null,
          calculatedLineItem: null,
          ...refuse(["variantId"], `${found.product.title} (${found.variant.title}): ${problem}`),
        };
      const line: StandinLine = {
        id: String(state.id()),
        variantId,
        productId: found.product.id,
        title: found.product.title,
        variantTitle: found.variant.title === "Default Title" ? null : found.variant.title,
        sku: found.variant.sku,
        quantity: args.quantity,
        priceCents: cents(found.variant.price),
        discountCents: 0,
      };
      edit.lines.push(line);
      return {
        calculatedOrder: calculatedView(edit),
        calculatedLineItem: lineView(line, orders.get(edit.orderId)!, "CalculatedLineItem"),
        userErrors: [],
      };
    },
    orderEditAddLineItemDiscount: (args: {
      id: string;
      lineItemId: string;
      discount: { fixedValue?: { amount: string } | null; percentValue?: number | null; description?: string | null };
    }) => {
      const edit = session(args.id);
      if (!edit) return noSession();
      const line = edit.lines.find((l) => l.id === tail(args.lineItemId));
      const original = orders.get(edit.orderId)!;
      if (!line || original.lines.some((l) => l.id === line.id)) {
        return {
          calculatedOrder: null,
          calculatedLineItem: null,
          addedDiscountStagedChange: null,
          ...refuse(["lineItemId"], "Discounts can only be added to line items added during this edit."),
        };
      }
      // A fixed value is taken per unit; a percentage of the unit price.
      const off = args.discount.fixedValue
        ? cents(args.discount.fixedValue.amount)
        : Math.round((line.priceCents * (args.discount.percentValue ?? 0)) / 100);
      if (off <= 0 || off > line.priceCents) {
        return {
          calculatedOrder: null,
          calculatedLineItem: null,
          addedDiscountStagedChange: null,
          ...refuse(["discount"], "The discount must be more than 0 and at most the item's price."),
        };
      }
      line.discountCents = off;
      return {
        calculatedOrder: calculatedView(edit),
        calculatedLineItem: lineView(line, original, "CalculatedLineItem"),
        addedDiscountStagedChange: {
          id: gid("OrderStagedChangeAddLineItemDiscount", String(state.id())),
          description: args.discount.description ?? "",
        },
        userErrors: [],
      };
    },
    orderEditCommit: (args: { id: string; notifyCustomer?: boolean | null; staffNote?: string | null }) => {
      const edit = session(args.id);
      if (!edit)
        return { order: null, ...refuse(["id"], "The order edit session does not exist or was already committed.") };
      const order = orders.get(edit.orderId)!;
      // Stock is checked again at commit: another order may have taken it meanwhile.
      for (const line of edit.lines) {
        const before = order.lines.find((l) => l.id === line.id)?.quantity ?? 0;
        const problem = stockProblem(line.variantId, line.quantity - before);
        if (problem) return { order: null, ...refuse(["id"], `${line.title}: ${problem}`) };
      }
      const catalog = state.catalog(domain);
      const firstOnline = catalog.locations.find((l) => l.fulfillsOnlineOrders);
      const changedItems: { inventoryItemId: string; locationId: string; available: number }[] = [];
      for (const line of edit.lines) {
        const before = order.lines.find((l) => l.id === line.id)?.quantity ?? 0;
        const delta = line.quantity - before;
        const item = onlineAvailable(catalog, line.variantId).inventoryItemId;
        if (delta === 0 || !item || !firstOnline) continue;
        const levels = catalog.levels.get(item) ?? new Map<string, number>();
        catalog.levels.set(item, levels);
        // Units taken from (or restocked at) the first online location, as a single-location store would.
        levels.set(firstOnline.id, (levels.get(firstOnline.id) ?? 0) - delta);
        changedItems.push({
          inventoryItemId: item,
          locationId: firstOnline.id,
          available: levels.get(firstOnline.id)!,
        });
      }
      order.lines = edit.lines.filter((l) => l.quantity > 0);
      edit.committed = true;
      if (args.notifyCustomer) order.notified++;
      for (const change of changedItems) {
        webhook("inventory_levels/update", {
          inventory_item_id: Number(change.inventoryItemId),
          location_id: Number(change.locationId),
          available: change.available,
          updated_at: new Date().toISOString(),
        });
      }
      return { order: orderView(order), userErrors: [] };
    },
    orderUpdate: (args: { input: { id: string; shippingAddress?: Record<string, unknown> | null } }) => {
      const order = orders.get(tail(args.input.id));
      if (!order) return { order: null, ...refuse(["id"], "Order does not exist") };
      if (order.fulfilled)
        return {
          order: null,
          ...refuse(["shippingAddress"], "The shipping address of a fulfilled order can't be changed."),
        };
      if (args.input.shippingAddress) {
        const parsed = standinAddressSchema.safeParse(args.input.shippingAddress);
        if (!parsed.success || !parsed.data.address1 || !parsed.data.city)
          return { order: null, ...refuse(["shippingAddress"], "Address1 and city are required.") };
        order.shippingAddress = parsed.data;
      }
      return { order: orderView(order), userErrors: [] };
    },
  };
}
