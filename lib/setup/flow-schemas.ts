import { z } from "zod";

const shopId = z
  .string({ message: "Shop not found." })
  .min(1, { message: "Shop not found." })
  .max(64, { message: "Shop not found." });

// Whether the type is one we send is checked by the handlers against EVENT_CATALOG; this only bounds the input.
const eventType = z
  .string({ message: "Unknown event type." })
  .min(1, { message: "Unknown event type." })
  .max(255, { message: "Unknown event type." });

export const sendTestEventSchema = z.object({ shopId, eventType });
export type SendTestEventInput = z.infer<typeof sendTestEventSchema>;

export const confirmFlowSchema = z.object({
  shopId,
  eventType,
  confirmed: z.boolean({ message: "Choose whether the Flow was created." }),
});
export type ConfirmFlowInput = z.infer<typeof confirmFlowSchema>;
