import { formatHundredths, parseHundredths } from "@/lib/upsell/hundredths";

type PricedLine = { price: string | null; quantity: number };

const cents = (amount: string | null) => (amount === null ? 0 : (parseHundredths(amount) ?? 0));

/** The items' subtotal in cents. */
export function subtotalCents(lines: readonly PricedLine[]): number {
  return lines.reduce((sum, line) => sum + cents(line.price) * line.quantity, 0);
}

/**
 * What the customer pays for the order after an edit, as a decimal string: the order's total (shipping and tax
 * included, which an edit does not recompute) moved by the items' difference, never below zero. The portal shows
 * it and the save records it, so both say the same amount.
 */
export function editedOrderTotal(
  orderTotal: string | null,
  before: readonly PricedLine[],
  after: readonly PricedLine[],
): string {
  const base = orderTotal ? cents(orderTotal) : subtotalCents(before);
  return formatHundredths(Math.max(0, base + subtotalCents(after) - subtotalCents(before)));
}
