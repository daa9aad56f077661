"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { attributionWindowSchema } from "./attribution-window-schema";
import { saveAttributionWindow } from "./save-attribution-window";

export const saveAttributionWindowAction = shopAction(attributionWindowSchema, async (input, ctx) => {
  const saved = await saveAttributionWindow(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}/reports`);
  return saved;
});
