import { z } from "zod";

export const sendToWaitlistSchema = z.object({
  shopId: z.string().min(1, { message: "Shop not found." }).max(64, { message: "Shop not found." }),
  variantId: z.string({ message: "Choose a product variant." }).min(1, { message: "Choose a product variant." }).max(64, { message: "Unknown variant." }),
});
export type SendToWaitlistInput = z.infer<typeof sendToWaitlistSchema>;
