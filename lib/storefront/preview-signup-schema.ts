import { z } from "zod";

const field = (max: number) => z.string().max(max).optional().default("");

/**
 * The storefront preview's "Notify me" form. Deliberately loose: the form posts what the shopper typed and the
 * waitlist endpoint (the same one a theme calls) does the real validation, with the same messages.
 */
export const previewSignupSchema = z.object({
  shopId: z
    .string({ message: "Shop not found." })
    .min(1, { message: "Shop not found." })
    .max(64, { message: "Shop not found." }),
  variantId: z.string({ message: "Choose a product option." }).min(1, { message: "Choose a product option." }).max(100),
  name: field(1_000),
  phone: field(200),
  email: field(1_000),
  smsConsent: z.boolean().optional().default(false),
  /** The preview page the shopper was on (the consent's page). */
  pageUrl: field(2_000),
});
export type PreviewSignupInput = z.infer<typeof previewSignupSchema>;
