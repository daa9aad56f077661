"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import type { ShopContext } from "@/lib/auth/shop-context";
import { connectPostscript } from "./connect-postscript";
import { disconnectPostscript } from "./disconnect-postscript";
import { connectPostscriptSchema, setPostscriptEnabledSchema, shopOnlySchema } from "./schemas";
import { setPostscriptEnabled } from "./set-postscript-enabled";
import { verifyPostscriptKey } from "./verify-postscript-key";

// Pages under the shop show the banner, so every change refreshes the whole shop layout.
function refreshing<I, R>(handler: (input: I, ctx: ShopContext) => Promise<R>) {
  return async (input: I, ctx: ShopContext) => {
    const result = await handler(input, ctx);
    revalidatePath(`/shops/${ctx.shop.id}`, "layout");
    return result;
  };
}

export const connectPostscriptAction = shopAction(connectPostscriptSchema, refreshing(connectPostscript));
export const verifyPostscriptKeyAction = shopAction(shopOnlySchema, refreshing(verifyPostscriptKey));
export const setPostscriptEnabledAction = shopAction(setPostscriptEnabledSchema, refreshing(setPostscriptEnabled));
export const disconnectPostscriptAction = shopAction(shopOnlySchema, refreshing(disconnectPostscript));
