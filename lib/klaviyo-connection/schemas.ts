import { z } from "zod";
import { klaviyoKeyProblem } from "@/lib/klaviyo/klaviyo-key-problem";

const shopId = z
  .string({ message: "Shop not found." })
  .min(1, { message: "Shop not found." })
  .max(64, { message: "Shop not found." });

export const connectKlaviyoSchema = z.object({
  shopId,
  apiKey: z
    .string({ message: "Paste your Klaviyo Private API Key." })
    .trim()
    .min(1, { message: "Paste your Klaviyo Private API Key." })
    .max(200, { message: "That is longer than any Klaviyo key: copy only the Private API Key." })
    .superRefine((key, ctx) => {
      const problem = klaviyoKeyProblem(key);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
});
export type ConnectKlaviyoInput = z.infer<typeof connectKlaviyoSchema>;

export const klaviyoShopSchema = z.object({ shopId });
export type KlaviyoShopInput = z.infer<typeof klaviyoShopSchema>;

export const setKlaviyoEnabledSchema = z.object({
  shopId,
  enabled: z.boolean({ message: "Choose enabled or disabled." }),
});
export type SetKlaviyoEnabledInput = z.infer<typeof setKlaviyoEnabledSchema>;
