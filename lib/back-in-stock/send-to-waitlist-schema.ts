import { z } from "zod";

export const sendToWaitlistSchema = z.object({
  shopId: z.string().min(1, { message: "Shop not found." }).max(64, { message: "Shop not found." }),
  variantId: z
    .string({ message: "Choose a product variant." })
    .min(1, { message: "Choose a product variant." })
    .max(64, { message: "Unknown variant." }),
  /** The merchant saw the variant is sold out and sends anyway. */
  sendWhileSoldOut: z.boolean().optional(),
});
export type SendToWaitlistInput = z.infer<typeof sendToWaitlistSchema>;
