"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import type { ShopContext } from "@/lib/auth/shop-context";
import { connectPostscript } from "./connect-postscript";
import { disconnectPostscript } from "./disconnect-postscript";
import { resumeSending } from "./resume-sending";
import { connectPostscriptSchema, setPostscriptEnabledSchema, shopOnlySchema } from "./schemas";
import { setPostscriptEnabled } from "./set-postscript-enabled";
import { verifyPostscriptKey } from "./verify-postscript-key";

// Pages under the shop show the banner, so every change refreshes the whole shop layout; a change that makes
// sending possible again also releases what was held.
function refreshing<I, R>(handler: (input: I, ctx: ShopContext) => Promise<R>, unblocked?: (result: R) => boolean) {
  return async (input: I, ctx: ShopContext) => {
    const result = await handler(input, ctx);
    revalidatePath(`/shops/${ctx.shop.id}`, "layout");
    if (unblocked?.(result)) await resumeSending(ctx.shop.id);
    return result;
  };
}

export const connectPostscriptAction = shopAction(
  connectPostscriptSchema,
  refreshing(connectPostscript, (r) => r.result === "connected"),
);
export const verifyPostscriptKeyAction = shopAction(
  shopOnlySchema,
  refreshing(verifyPostscriptKey, (r) => r.verification === "VERIFIED"),
);
export const setPostscriptEnabledAction = shopAction(
  setPostscriptEnabledSchema,
  refreshing(setPostscriptEnabled, (r) => r.enabled),
);
export const disconnectPostscriptAction = shopAction(shopOnlySchema, refreshing(disconnectPostscript));
