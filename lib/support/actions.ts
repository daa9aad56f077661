"use server";

import { revalidatePath } from "next/cache";
import { resumeSending } from "@/lib/postscript-connection/resume-sending";
import { replayDelivery } from "./replay-delivery";
import { replayWebhook } from "./replay-webhook";
import { resendTestEvent } from "./resend-test-event";
import { revealRecipient } from "./reveal-recipient";
import { reverifyKey } from "./reverify-key";
import { supportAction } from "./support-action";
import {
  replayDeliverySchema,
  replayWebhookSchema,
  resendTestEventSchema,
  revealRecipientSchema,
  reverifyKeySchema,
} from "./support-action-schemas";

// The support console and the merchant's pages both show what these change.
function refresh(shopId: string) {
  revalidatePath(`/support/shops/${shopId}`, "layout");
  revalidatePath(`/shops/${shopId}`, "layout");
}

export const replayDeliveryAction = supportAction({
  action: "support.delivery_replayed",
  schema: replayDeliverySchema,
  handler: async (input, ctx) => {
    const outcome = await replayDelivery(input, ctx);
    refresh(ctx.shop.id);
    return outcome;
  },
  auditMetadata: (input, r) => ({
    deliveryId: input.deliveryId,
    eventType: r.eventType,
    previousStatus: r.previous.status,
    duplicatePossible: r.previous.status === "UNCONFIRMED",
    previousAttempts: r.previous.attempts,
    previousError: r.previous.error,
    previousResponseStatus: r.previous.responseStatus,
  }),
});

export const replayWebhookAction = supportAction({
  action: "support.webhook_replayed",
  schema: replayWebhookSchema,
  handler: async (input, ctx) => {
    const outcome = await replayWebhook(input, ctx);
    refresh(ctx.shop.id);
    return outcome;
  },
  auditMetadata: (input, r) => ({
    webhookEventId: input.webhookEventId,
    topic: r.topic,
    previousAttempts: r.previous.attempts,
    previousError: r.previous.error,
  }),
});

export const revealRecipientAction = supportAction({
  action: "support.recipient_revealed",
  schema: revealRecipientSchema,
  handler: revealRecipient,
  auditMetadata: (input, r) => ({
    deliveryId: input.deliveryId,
    revealed: [r.phone ? "phone" : null, r.email ? "email" : null, r.name ? "name" : null].filter((f) => f !== null),
  }),
});

export const reverifyKeyAction = supportAction({
  action: "support.key_reverified",
  schema: reverifyKeySchema,
  handler: async (input, ctx) => {
    const outcome = await reverifyKey(input, ctx);
    refresh(ctx.shop.id);
    if (outcome.verification === "VERIFIED") await resumeSending(ctx.shop.id);
    return outcome;
  },
  auditMetadata: (_input, r) => ({ result: r.verification, previous: r.previous, keyLast4: r.keyLast4 }),
});

export const resendTestEventAction = supportAction({
  action: "support.test_event_resent",
  schema: resendTestEventSchema,
  handler: async (input, ctx) => {
    const outcome = await resendTestEvent(input, ctx);
    refresh(ctx.shop.id);
    return outcome;
  },
  auditMetadata: (_input, r) => ({ eventType: r.eventType, status: r.status }),
});
