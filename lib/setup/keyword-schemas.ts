import { z } from "zod";

export const saveKeywordSchema = z.object({
  shopId: z.string().min(1, { message: "Shop not found." }).max(64, { message: "Shop not found." }),
  keywordId: z
    .string({ message: "Choose a keyword." })
    .min(1, { message: "Choose a keyword." })
    .max(100, { message: "That is not a Postscript keyword id." }),
});
export type SaveKeywordInput = z.infer<typeof saveKeywordSchema>;
