import { z } from "zod";

const shopId = z
  .string({ message: "Shop not found." })
  .min(1, { message: "Shop not found." })
  .max(64, { message: "Shop not found." });

export const connectPostscriptSchema = z.object({
  shopId,
  apiKey: z
    .string({ message: "Paste your Postscript Private API Key." })
    .trim()
    .min(1, { message: "Paste your Postscript Private API Key." })
    .max(200, { message: "That is longer than any Postscript key: copy only the Private Key." })
    .refine((k) => !/\s/.test(k), { message: "The key contains spaces or line breaks: copy only the Private Key." })
    // Anything else outside printable ASCII cannot go in an HTTP header: the call would fail as "unreachable" and
    // the broken key would be kept (replacing one that worked) instead of being refused.
    .refine((k) => /^[\x21-\x7e]*$/.test(k) || /\s/.test(k), {
      message:
        "The key contains characters that are not in any Postscript key (such as symbols or invisible characters): copy only the Private Key.",
    })
    .refine((k) => !k.startsWith("pk_"), {
      message:
        "That is the public key (pk_…). Signalboard needs the Private Key (sk_…) from the same Security Key Pair.",
    }),
});
export type ConnectPostscriptInput = z.infer<typeof connectPostscriptSchema>;

export const shopOnlySchema = z.object({ shopId });
export type ShopOnlyInput = z.infer<typeof shopOnlySchema>;

export const setPostscriptEnabledSchema = z.object({
  shopId,
  enabled: z.boolean({ message: "Choose enabled or disabled." }),
});
export type SetPostscriptEnabledInput = z.infer<typeof setPostscriptEnabledSchema>;
