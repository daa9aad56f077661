import { z } from "zod";

export const setVariantPreorderSchema = z.object({
  shopId: z.string().min(1, { message: "Shop not found." }).max(64, { message: "Shop not found." }),
  variantId: z.string().min(1, { message: "Choose a variant." }).max(64, { message: "Unknown variant." }),
  preorder: z.boolean({ message: "Choose whether the variant is sold as a preorder." }),
  shippingTimeline: z
    .string()
    .trim()
    .max(120, { message: "Keep the shipping timeline under 120 characters." })
    .transform((v) => v || null)
    .nullable(),
});
export type SetVariantPreorderInput = z.infer<typeof setVariantPreorderSchema>;
