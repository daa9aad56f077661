"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import type { ShopContext } from "@/lib/auth/shop-context";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { setIntegrationEnabled } from "@/lib/integrations/set-integration-enabled";
import { verifyIntegrationKey } from "@/lib/integrations/verify-integration-key";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { connectTwilio } from "./connect-twilio";
import { connectTwilioSchema, setTwilioEnabledSchema, twilioShopSchema } from "./schemas";

// Every change refreshes the shop's pages and wakes its sender: texts that waited go out with the account now in use
// (the shop's own once it works, Signalboard's after a disconnect).
function refreshing<I, R>(handler: (input: I, ctx: ShopContext) => Promise<R>) {
  return async (input: I, ctx: ShopContext) => {
    const result = await handler(input, ctx);
    revalidatePath(`/shops/${ctx.shop.id}`, "layout");
    await sendJobEvent("deliveriesQueued", { shopId: ctx.shop.id });
    return result;
  };
}

export const connectTwilioAction = shopAction(connectTwilioSchema, refreshing(connectTwilio));
export const verifyTwilioAction = shopAction(
  twilioShopSchema,
  refreshing((_input, ctx) => verifyIntegrationKey("TWILIO", ctx)),
);
export const setTwilioEnabledAction = shopAction(
  setTwilioEnabledSchema,
  refreshing((input, ctx) => setIntegrationEnabled("TWILIO", input.enabled, ctx)),
);
/** Deletes the saved Auth Token: built-in SMS goes back to Signalboard's own Twilio sender. */
export const disconnectTwilioAction = shopAction(
  twilioShopSchema,
  refreshing((_input, ctx) => disconnectIntegration("TWILIO", ctx)),
);
