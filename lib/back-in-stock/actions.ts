"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { saveBackInStockSettingsSchema } from "./back-in-stock-settings-schema";
import { saveBackInStockSettings } from "./save-back-in-stock-settings";

export const saveBackInStockSettingsAction = shopAction(saveBackInStockSettingsSchema, async (input, ctx) => {
  const saved = await saveBackInStockSettings(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}/back-in-stock`);
  return saved;
});
