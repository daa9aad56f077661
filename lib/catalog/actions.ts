"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { catalogSyncSchema, locationSellingSchema } from "./catalog-sync-schema";
import { getCatalogSyncView } from "./get-catalog-sync-view";
import { requestCatalogSync } from "./request-catalog-sync";
import { setLocationSelling } from "./set-location-selling";
import { setVariantPreorder } from "./set-variant-preorder";
import { setVariantPreorderSchema } from "./variant-preorder-schema";

export const setVariantPreorderAction = shopAction(setVariantPreorderSchema, async (input, ctx) => {
  const result = await setVariantPreorder(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}/preorders`);
  return result;
});

export const requestCatalogSyncAction = shopAction(catalogSyncSchema, async (_input, ctx) => requestCatalogSync(ctx));

/** Read-only: support agents may watch a sync's progress too. */
export const catalogSyncViewAction = shopAction(
  catalogSyncSchema,
  async (_input, ctx) => getCatalogSyncView(ctx.shop.id),
  { allowSupportAgent: true },
);

export const setLocationSellingAction = shopAction(locationSellingSchema, async (input, ctx) => {
  const result = await setLocationSelling(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}/settings`);
  return result;
});
