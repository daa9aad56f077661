"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { confirmFlow } from "./confirm-flow";
import { confirmFlowSchema, sendTestEventSchema } from "./flow-schemas";
import { sendTestEvent } from "./send-test-event";

// Checkmarks on every page under the shop come from these rows, so each change refreshes the whole shop layout.
export const sendTestEventAction = shopAction(sendTestEventSchema, async (input, ctx) => {
  const outcome = await sendTestEvent(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}`, "layout");
  return outcome;
});

export const confirmFlowAction = shopAction(confirmFlowSchema, async (input, ctx) => {
  const result = await confirmFlow(input, ctx);
  revalidatePath(`/shops/${ctx.shop.id}`, "layout");
  return result;
});
