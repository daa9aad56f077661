import { z } from "zod";

const shopId = z
  .string({ message: "Shop not found." })
  .min(1, { message: "Shop not found." })
  .max(64, { message: "Shop not found." });
const deliveryId = z
  .string({ message: "Delivery not found." })
  .min(1, { message: "Delivery not found." })
  .max(64, { message: "Delivery not found." });

/** Every support action says why: the reason goes into the audit log beside the agent, shop and time. */
export const reasonSchema = z
  .string({ message: "Give a reason: it is recorded in the audit log." })
  .trim()
  .min(5, { message: "Give a reason of at least 5 characters: it is recorded in the audit log." })
  .max(500, { message: "Keep the reason under 500 characters." });

export const replayDeliverySchema = z.object({
  shopId,
  deliveryId,
  reason: reasonSchema,
  /** Required to resend an UNCONFIRMED delivery: the agent accepts the customer may get it twice. */
  acceptDuplicate: z.boolean().optional(),
});
export type ReplayDeliveryInput = z.infer<typeof replayDeliverySchema>;

export const replayWebhookSchema = z.object({
  shopId,
  webhookEventId: z
    .string({ message: "Webhook not found." })
    .min(1, { message: "Webhook not found." })
    .max(64, { message: "Webhook not found." }),
  reason: reasonSchema,
});
export type ReplayWebhookInput = z.infer<typeof replayWebhookSchema>;

export const revealRecipientSchema = z.object({ shopId, deliveryId, reason: reasonSchema });
export type RevealRecipientInput = z.infer<typeof revealRecipientSchema>;

export const reverifyKeySchema = z.object({ shopId, reason: reasonSchema });
export type ReverifyKeyInput = z.infer<typeof reverifyKeySchema>;

export const resendTestEventSchema = z.object({
  shopId,
  eventType: z
    .string({ message: "Choose an event type." })
    .min(1, { message: "Choose an event type." })
    .max(100, { message: "Unknown event type." }),
  reason: reasonSchema,
});
export type ResendTestEventInput = z.infer<typeof resendTestEventSchema>;
