"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { setVariantPreorder } from "./set-variant-preorder";
import { setVariantPreorderSchema } from "./variant-preorder-schema";

export const setVariantPreorderAction = shopAction(setVariantPreorderSchema, async (input, ctx) => {
  const result = await setVariantPreorder(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}/preorders`);
  return result;
});
