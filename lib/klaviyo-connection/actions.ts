"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import type { ShopContext } from "@/lib/auth/shop-context";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { connectKlaviyo } from "./connect-klaviyo";
import { disconnectKlaviyo } from "./disconnect-klaviyo";
import { connectKlaviyoSchema, klaviyoShopSchema, setKlaviyoEnabledSchema } from "./schemas";
import { setKlaviyoEnabled } from "./set-klaviyo-enabled";
import { verifyKlaviyoKey } from "./verify-klaviyo-key";

// Every change refreshes the shop's pages; one that makes sending possible again releases the events that waited.
function refreshing<I, R>(handler: (input: I, ctx: ShopContext) => Promise<R>, unblocked?: (result: R) => boolean) {
  return async (input: I, ctx: ShopContext) => {
    const result = await handler(input, ctx);
    revalidatePath(`/shops/${ctx.shop.id}`, "layout");
    if (unblocked?.(result)) await sendJobEvent("deliveriesQueued", { shopId: ctx.shop.id });
    return result;
  };
}

export const connectKlaviyoAction = shopAction(
  connectKlaviyoSchema,
  refreshing(connectKlaviyo, (r) => r.result === "connected"),
);
export const verifyKlaviyoKeyAction = shopAction(
  klaviyoShopSchema,
  refreshing(verifyKlaviyoKey, (r) => r.verification === "VERIFIED"),
);
export const setKlaviyoEnabledAction = shopAction(
  setKlaviyoEnabledSchema,
  refreshing(setKlaviyoEnabled, (r) => r.enabled),
);
export const disconnectKlaviyoAction = shopAction(klaviyoShopSchema, refreshing(disconnectKlaviyo));
