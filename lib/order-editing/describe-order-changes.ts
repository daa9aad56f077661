import type { OrderLineItem } from "@/lib/shopify/order-line-item";
import { sameAddress, type ShippingAddress } from "./shipping-address";

export type OrderChanges = {
  added: { title: string; quantity: number }[];
  removed: { title: string; quantity: number }[];
  quantityChanges: { title: string; from: number; to: number }[];
  addressChanged: boolean;
  summary: string;
};

const lineName = (line: Pick<OrderLineItem, "title" | "variantTitle">) =>
  line.variantTitle && line.variantTitle !== "Default Title" ? `${line.title} (${line.variantTitle})` : line.title;

/**
 * What an edit changed, line by line: `before[i]` became `after[i]` (quantity 0 = removed), and lines past the end
 * of `before` were added. The summary is what the merchant and the "Order Editing Saved" event show.
 */
export function describeOrderChanges(
  before: readonly OrderLineItem[],
  after: readonly OrderLineItem[],
  addressBefore: ShippingAddress | null,
  addressAfter: ShippingAddress | null,
): OrderChanges {
  const changes: OrderChanges = { added: [], removed: [], quantityChanges: [], addressChanged: false, summary: "" };
  after.forEach((line, index) => {
    const old = before[index];
    if (!old) {
      if (line.quantity > 0) changes.added.push({ title: lineName(line), quantity: line.quantity });
    } else if (line.quantity === 0 && old.quantity > 0) {
      changes.removed.push({ title: lineName(old), quantity: old.quantity });
    } else if (line.quantity !== old.quantity) {
      changes.quantityChanges.push({ title: lineName(old), from: old.quantity, to: line.quantity });
    }
  });
  changes.addressChanged = addressAfter !== null && !sameAddress(addressBefore, addressAfter);
  changes.summary = [
    ...changes.quantityChanges.map((c) => `${c.title}: quantity ${c.from} → ${c.to}`),
    ...changes.added.map((c) => `added ${c.title} × ${c.quantity}`),
    ...changes.removed.map((c) => `removed ${c.title}`),
    ...(changes.addressChanged ? ["shipping address updated"] : []),
  ].join("; ");
  return changes;
}

/** True when the edit changed nothing at all. */
export function isEmptyChange(changes: OrderChanges): boolean {
  return !changes.summary;
}
