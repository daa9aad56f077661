import { z } from "zod";

export const resendUnconfirmedSchema = z.object({
  shopId: z.string().min(1).max(64),
  deliveryId: z
    .string({ message: "Delivery not found." })
    .min(1, { message: "Delivery not found." })
    .max(64, { message: "Delivery not found." }),
  /** The merchant ticked that the customer may get the text twice. */
  acceptDuplicate: z.literal(true, { message: "Confirm that the customer may get this text twice." }),
});
export type ResendUnconfirmedInput = z.infer<typeof resendUnconfirmedSchema>;
