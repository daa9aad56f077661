"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import type { ShopContext } from "@/lib/auth/shop-context";
import { builtInSmsSettingsSchema } from "./built-in-sms-settings-schema";
import { saveBuiltInSmsSettings } from "./save-built-in-sms-settings";
import { saveSmsTemplate } from "./save-sms-template";
import { saveSmsTemplateSchema, setSmsProviderSchema } from "./schemas";
import { setSmsProvider } from "./set-sms-provider";

// The provider shows on Back in stock, Preorders and Postscript setup, so a change refreshes the whole shop layout.
function refreshing<I, R>(handler: (input: I, ctx: ShopContext) => Promise<R>) {
  return async (input: I, ctx: ShopContext) => {
    const result = await handler(input, ctx);
    revalidatePath(`/shops/${ctx.shop.id}`, "layout");
    return result;
  };
}

export const setSmsProviderAction = shopAction(setSmsProviderSchema, refreshing(setSmsProvider));
export const saveSmsTemplateAction = shopAction(saveSmsTemplateSchema, refreshing(saveSmsTemplate));
export const saveBuiltInSmsSettingsAction = shopAction(builtInSmsSettingsSchema, refreshing(saveBuiltInSmsSettings));
