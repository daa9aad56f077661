import { z } from "zod";
import { shippingAddressSchema } from "./shipping-address";

const quantity = z
  .number({ message: "Quantity must be a number" })
  .int({ message: "Quantity must be a whole number" })
  .max(99, { message: "At most 99 of one item can be ordered here" });

/** A portal link's token as the browser sends it back; findPortalOrder checks its signature. */
export const portalTokenSchema = z
  .string()
  .min(1, { message: "This link is incomplete." })
  .max(200, { message: "This link is not valid." });

/** A customer's edit: new quantities of the order's lines (by position), lines to add, and the new address. */
export const saveOrderEditSchema = z.object({
  token: portalTokenSchema,
  /** The session beginOrderEdit returned: saving it twice (a double click, a second tab) changes nothing. */
  orderEditId: z.string().min(1).max(40),
  lines: z
    .array(
      z.object({
        index: z.number().int().min(0).max(199),
        quantity: quantity.min(0, { message: "Quantity cannot be negative" }),
      }),
    )
    .max(200),
  added: z
    .array(z.object({ variantId: z.string().min(1).max(40), quantity: quantity.min(1, { message: "Add at least 1" }) }))
    .max(20, { message: "Add at most 20 different items in one edit" }),
  /** null keeps the current address. */
  shippingAddress: shippingAddressSchema.nullable(),
});
export type SaveOrderEditInput = z.infer<typeof saveOrderEditSchema>;
