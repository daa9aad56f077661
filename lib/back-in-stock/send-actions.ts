"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { sendToWaitlist } from "./send-to-waitlist";
import { sendToWaitlistSchema } from "./send-to-waitlist-schema";

export const sendToWaitlistAction = shopAction(sendToWaitlistSchema, async (input, ctx) => {
  const result = await sendToWaitlist(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}`, "layout");
  return result;
});
