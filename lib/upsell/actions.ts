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

// No revalidatePath here: after a revalidating action Next re-fetches the page it was called from, the deleted
// strategy's page, which answers 404 while the button's router.push to the list races it. The list is dynamic and
// is read afresh on that navigation.
export const deleteUpsellStrategyAction = shopAction(deleteUpsellStrategySchema, async (input, ctx) =>
  deleteUpsellStrategy(input, ctx),
);
