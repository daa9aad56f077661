import { z } from "zod";

export const personLookupSchema = z.object({
  shopId: z
    .string({ message: "Shop not found." })
    .min(1, { message: "Shop not found." })
    .max(64, { message: "Shop not found." }),
  query: z
    .string({ message: "Enter the customer's phone number or email." })
    .trim()
    .min(1, { message: "Enter the customer's phone number or email." })
    .max(254, { message: "That is longer than any phone number or email." }),
});
export type PersonLookupInput = z.infer<typeof personLookupSchema>;
