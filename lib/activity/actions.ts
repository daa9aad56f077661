"use server";

import { revalidatePath } from "next/cache";
import { shopAction } from "@/lib/actions/shop-action";
import { recordAudit } from "@/lib/audit/record-audit";
import { resendUnconfirmed } from "@/lib/deliveries/resend-unconfirmed";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { resendUnconfirmedSchema } from "./resend-unconfirmed-schema";

/** A merchant resends an UNCONFIRMED delivery knowing it may be a duplicate; audited with who and when. */
export const resendUnconfirmedAction = shopAction(resendUnconfirmedSchema, async (input, ctx) => {
  const resent = await resendUnconfirmed(ctx.shop.id, input.deliveryId);
  await recordAudit(ctx, "delivery.unconfirmed_resent", {
    deliveryId: resent.deliveryId,
    eventType: resent.eventType,
    previousError: resent.previousError,
    duplicatePossible: true,
  });
  await sendJobEvent("deliveriesQueued", { shopId: ctx.shop.id });
  revalidatePath(`/shops/${ctx.shop.id}/activity`);
  return { deliveryId: resent.deliveryId };
});
