"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { deleteUpsellStrategy } from "./delete-upsell-strategy";
import { saveUpsellStrategy } from "./save-upsell-strategy";
import { setUpsellStrategyEnabled } from "./set-upsell-strategy-enabled";
import {
  deleteUpsellStrategySchema,
  setUpsellStrategyEnabledSchema,
  upsellStrategySchema,
} from "./upsell-strategy-schema";

function refreshUpsells(shopId: string) {
  revalidatePath(`/shops/${shopId}/upsells`, "layout");
}

export const saveUpsellStrategyAction = shopAction(upsellStrategySchema, async (input, ctx) => {
  const saved = await saveUpsellStrategy(input, ctx);
  refreshUpsells(ctx.shop.id);
  return saved;
});

export const setUpsellStrategyEnabledAction = shopAction(setUpsellStrategyEnabledSchema, async (input, ctx) => {
  const result = await setUpsellStrategyEnabled(input, ctx);
  refreshUpsells(ctx.shop.id);
  return result;
});

export const deleteUpsellStrategyAction = shopAction(deleteUpsellStrategySchema, async (input, ctx) => {
  const deleted = await deleteUpsellStrategy(input, ctx);
  refreshUpsells(ctx.shop.id);
  return deleted;
});
