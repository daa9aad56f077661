import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Twilio's Account SID, Messaging Service SID and Auth Token formats (Console → Account info, Messaging). */
export const ACCOUNT_SID_PATTERN = /^AC[0-9a-fA-F]{32}$/;
export const MESSAGING_SERVICE_SID_PATTERN = /^MG[0-9a-fA-F]{32}$/;
export const AUTH_TOKEN_PATTERN = /^[0-9a-fA-F]{32}$/;

/** Who a shop's own Twilio account texts from: one of its Messaging Services, or one of its numbers. */
export const twilioSenderSchema = z.union([
  z.object({ messagingServiceSid: z.string().regex(MESSAGING_SERVICE_SID_PATTERN) }),
  z.object({ fromNumber: z.string().regex(/^\+[1-9]\d{6,14}$/) }),
]);
export type TwilioSender = z.infer<typeof twilioSenderSchema>;

/** The sender stored in the integration's settings, or null when none is (or it no longer parses). */
export function twilioSenderOf(settings: Prisma.JsonValue | null | undefined): TwilioSender | null {
  const parsed = twilioSenderSchema.safeParse(settings);
  return parsed.success ? parsed.data : null;
}

/** "Messaging Service MG…1234" or "+14155550100": how the merchant recognises the sender. */
export function describeTwilioSender(sender: TwilioSender): string {
  return "messagingServiceSid" in sender ? `Messaging Service ${sender.messagingServiceSid}` : sender.fromNumber;
}
