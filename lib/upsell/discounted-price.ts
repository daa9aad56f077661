import type { DiscountType } from "@/lib/generated/prisma/enums";
import { formatHundredths, parseHundredths } from "./hundredths";

export type DiscountedPrice = {
  /** After our discount, "24.00". */
  price: string;
  /** The regular price before our discount, "30.00". */
  compareAtPrice: string;
  /** Percentage: the percent, "20"; fixed: the amount actually taken off, "4.00" (never more than the price). */
  discountAmount: string;
};

/**
 * Applies an upsell discount to a variant price in integer cents: a percentage rounds the resulting price half-up
 * to the cent, a fixed amount never takes the price below 0.00. Null when the price or discount is not a
 * non-negative decimal with at most 2 places (the schema guarantees the discount; Shopify prices always are).
 */
export function discountedPrice(
  price: string,
  discountType: DiscountType,
  discountValue: string,
): DiscountedPrice | null {
  const cents = parseHundredths(price);
  const discount = parseHundredths(discountValue);
  if (cents === null || discount === null) return null;
  if (discountType === "PERCENTAGE") {
    const keptBasisPoints = Math.max(0, 10_000 - discount);
    // cents × kept ÷ 10,000, rounded half-up: floor((2·n + d) ÷ 2d) with integers only.
    const after = Math.floor((2 * cents * keptBasisPoints + 10_000) / 20_000);
    return {
      price: formatHundredths(after),
      compareAtPrice: formatHundredths(cents),
      discountAmount: formatHundredths(discount, { trim: true }),
    };
  }
  const after = Math.max(0, cents - discount);
  return {
    price: formatHundredths(after),
    compareAtPrice: formatHundredths(cents),
    discountAmount: formatHundredths(cents - after),
  };
}
