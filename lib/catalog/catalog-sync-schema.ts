import { z } from "zod";

export const catalogSyncSchema = z.object({ shopId: z.string().min(1) });

export const locationSellingSchema = z.object({
  shopId: z.string().min(1),
  locationId: z.string().min(1),
  /** null: back to Shopify's own "fulfils online orders". */
  sellsOnline: z.boolean().nullable(),
});
