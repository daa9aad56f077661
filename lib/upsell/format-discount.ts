import type { DiscountType } from "@/lib/generated/prisma/enums";
import { formatMoney } from "./format-money";

/** "20% off", "$4.00 off", or "No discount" for a strategy's saved (normalised) discount. */
export function formatDiscount(discountType: DiscountType, discountValue: string, currency: string): string {
  if (Number(discountValue) === 0) return "No discount";
  return discountType === "PERCENTAGE" ? `${discountValue}% off` : `${formatMoney(discountValue, currency)} off`;
}
