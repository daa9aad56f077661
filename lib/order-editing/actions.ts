"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { orderEditingSettingsSchema } from "./order-editing-settings-schema";
import { saveOrderEditingSettings } from "./save-order-editing-settings";

export const saveOrderEditingSettingsAction = shopAction(orderEditingSettingsSchema, async (input, ctx) => {
  const saved = await saveOrderEditingSettings(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}/order-editing`);
  return saved;
});
