import { z } from "zod";
import {
  ACCOUNT_SID_PATTERN,
  AUTH_TOKEN_PATTERN,
  MESSAGING_SERVICE_SID_PATTERN,
  type TwilioSender,
} from "@/lib/twilio/twilio-sender";

const shopId = z
  .string({ message: "Shop not found." })
  .min(1, { message: "Shop not found." })
  .max(64, { message: "Shop not found." });

const E164 = /^\+[1-9]\d{6,14}$/;

export const connectTwilioSchema = z.object({
  shopId,
  accountSid: z.string({ message: "Enter your Twilio Account SID." }).trim().regex(ACCOUNT_SID_PATTERN, {
    message: "The Account SID is AC followed by 32 letters and digits: copy it from the Twilio Console's Account info.",
  }),
  authToken: z.string({ message: "Enter your Twilio Auth Token." }).trim().regex(AUTH_TOKEN_PATTERN, {
    message: "The Auth Token is 32 letters and digits: in the Twilio Console's Account info, click Show and copy it.",
  }),
  sender: z
    .string({ message: "Enter the Messaging Service SID or the phone number to text from." })
    .trim()
    .refine((value) => MESSAGING_SERVICE_SID_PATTERN.test(value) || E164.test(value), {
      message:
        "Enter a Messaging Service SID (MG followed by 32 letters and digits) or one of the account's numbers in international format, such as +14155550100.",
    }),
});
export type ConnectTwilioInput = z.infer<typeof connectTwilioSchema>;

/** The sender as stored: a Messaging Service SID, or a From number (the schema allows only these two). */
export function senderOf(input: Pick<ConnectTwilioInput, "sender">): TwilioSender {
  return MESSAGING_SERVICE_SID_PATTERN.test(input.sender)
    ? { messagingServiceSid: input.sender }
    : { fromNumber: input.sender };
}

export const twilioShopSchema = z.object({ shopId });
export type TwilioShopInput = z.infer<typeof twilioShopSchema>;

export const setTwilioEnabledSchema = z.object({
  shopId,
  enabled: z.boolean({ message: "Choose enabled or disabled." }),
});
export type SetTwilioEnabledInput = z.infer<typeof setTwilioEnabledSchema>;
