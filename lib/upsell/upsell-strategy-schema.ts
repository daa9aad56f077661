import { z } from "zod";
import { formatHundredths, parseHundredths } from "./hundredths";
import { UPSELL_LIMITS } from "./upsell-labels";

const shopId = z.string().min(1, { message: "Shop not found." }).max(64, { message: "Shop not found." });

/** Why a discount value is refused, or null when it is fine ("0" always is: no discount). */
function discountValueError(type: "PERCENTAGE" | "FIXED_AMOUNT", raw: string): string | null {
  const value = raw.trim();
  if (value === "") return "Enter a discount, or 0 for no discount.";
  if (value.startsWith("-")) return "The discount cannot be negative.";
  if (/^\d+\.\d{3,}$/.test(value))
    return type === "PERCENTAGE" ? "Use at most 2 decimal places." : "Use at most 2 decimal places (whole cents).";
  const hundredths = parseHundredths(value);
  if (hundredths === null) return "Enter the discount as a number, like 10 or 4.50.";
  if (hundredths === 0) return null;
  if (type === "PERCENTAGE" && hundredths > UPSELL_LIMITS.maxPercentage * 100) {
    return `A percentage discount can be at most ${UPSELL_LIMITS.maxPercentage}%.`;
  }
  if (type === "FIXED_AMOUNT" && hundredths > UPSELL_LIMITS.maxFixedAmount * 100) {
    return `A fixed discount can be at most ${UPSELL_LIMITS.maxFixedAmount.toLocaleString("en-US")}.00.`;
  }
  return null;
}

/**
 * An upsell strategy as the form sends it and the server action validates it (the same schema on both sides).
 * Without `strategyId` it creates a strategy; with one it updates that strategy of the shop. The output is
 * normalised: product ids only for "Specific products" (de-duplicated), the discount as "20" / "12.5" for a
 * percentage and "4.00" for a fixed amount, "0" for none.
 */
export const upsellStrategySchema = z
  .object({
    shopId,
    strategyId: z
      .string()
      .min(1, { message: "Upsell strategy not found." })
      .max(64, { message: "Upsell strategy not found." })
      .optional(),
    name: z
      .string({ message: "Give the strategy a name." })
      .trim()
      .min(1, { message: "Give the strategy a name." })
      .max(UPSELL_LIMITS.nameLength, { message: `Keep the name to ${UPSELL_LIMITS.nameLength} characters or fewer.` }),
    placement: z.enum(["DURING_EDITING", "ORDER_STATUS"], { message: "Choose where the strategy fires." }),
    productRule: z.enum(["SPECIFIC_PRODUCTS", "SAME_VENDOR", "SAME_PRODUCT_TYPE"], {
      message: "Choose which products to offer.",
    }),
    productIds: z
      .array(z.string().min(1, { message: "Unknown product." }).max(64, { message: "Unknown product." }), {
        message: "Choose the products to offer.",
      })
      .max(UPSELL_LIMITS.products, { message: `Choose at most ${UPSELL_LIMITS.products} products.` }),
    discountType: z.enum(["PERCENTAGE", "FIXED_AMOUNT"], { message: "Choose a discount type." }),
    discountValue: z
      .string({ message: "Enter a discount, or 0 for no discount." })
      .max(20, { message: "Enter the discount as a number, like 10 or 4.50." }),
    maxOffers: z
      .number({ message: `Choose how many products to offer (1 to ${UPSELL_LIMITS.maxOffers}).` })
      .int({ message: `Choose how many products to offer (1 to ${UPSELL_LIMITS.maxOffers}).` })
      .min(1, { message: "Offer at least 1 product." })
      .max(UPSELL_LIMITS.maxOffers, { message: `Offer at most ${UPSELL_LIMITS.maxOffers} products at a time.` }),
    notifyPostscript: z.boolean({ message: "Choose whether to notify Postscript." }),
    notifyKlaviyo: z.boolean({ message: "Choose whether to notify Klaviyo." }),
    enabled: z.boolean({ message: "Choose whether the strategy is enabled." }),
  })
  .superRefine((value, ctx) => {
    if (value.productRule === "SPECIFIC_PRODUCTS" && value.productIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["productIds"], message: "Choose at least one product to offer." });
    }
    const discountError = discountValueError(value.discountType, value.discountValue);
    if (discountError) ctx.addIssue({ code: "custom", path: ["discountValue"], message: discountError });
  })
  .transform((value) => {
    const hundredths = parseHundredths(value.discountValue) ?? 0;
    return {
      ...value,
      productIds: value.productRule === "SPECIFIC_PRODUCTS" ? [...new Set(value.productIds)] : [],
      discountValue:
        hundredths === 0 ? "0" : formatHundredths(hundredths, { trim: value.discountType === "PERCENTAGE" }),
    };
  });

export type UpsellStrategyInput = z.infer<typeof upsellStrategySchema>;
export type UpsellStrategyFormValues = z.input<typeof upsellStrategySchema>;

/** Enables or disables one strategy of the shop. */
export const setUpsellStrategyEnabledSchema = z.object({
  shopId,
  strategyId: z
    .string()
    .min(1, { message: "Upsell strategy not found." })
    .max(64, { message: "Upsell strategy not found." }),
  enabled: z.boolean({ message: "Choose whether the strategy is enabled." }),
});
export type SetUpsellStrategyEnabledInput = z.infer<typeof setUpsellStrategyEnabledSchema>;

/** Deletes one strategy of the shop. */
export const deleteUpsellStrategySchema = z.object({
  shopId,
  strategyId: z
    .string()
    .min(1, { message: "Upsell strategy not found." })
    .max(64, { message: "Upsell strategy not found." }),
});
export type DeleteUpsellStrategyInput = z.infer<typeof deleteUpsellStrategySchema>;
