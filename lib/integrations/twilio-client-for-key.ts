import { limiterKey, waitForSendSlot, type SlotPriority } from "@/lib/deliveries/send-slot-limiter";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTwilioAccountClient, type TwilioAccountClient } from "@/lib/twilio/twilio-account-client";
import { twilioSenderOf } from "@/lib/twilio/twilio-sender";

/**
 * A shop's own account: its calls (verify, probe) share one budget at this rate unless the integration sets one.
 * Texts are paced by the engine at the shop's "texts per second" setting on the same budget.
 */
export const TWILIO_REQUESTS_PER_SECOND = 10;

export type TwilioClientForKeyOptions = {
  timeoutMs?: number;
  priority?: SlotPriority;
  perSecond?: number;
  /** False only for a caller that reserves its own slots of the same budget (the paced delivery engine). */
  paced?: boolean;
};

/**
 * A client for a shop's own Twilio account (Account SID + plaintext Auth Token) and the sender saved beside
 * them, pointed at the configured API (the sandbox's Twilio stand-in in dev and tests). Calls share the
 * Postscript timeout setting (one bound for every outside API the app waits on) and the token's one budget.
 */
export function twilioClientForKey(
  accountSid: string,
  authToken: string,
  settings: Prisma.JsonValue | null,
  options: TwilioClientForKeyOptions = {},
): TwilioAccountClient {
  const { TWILIO_API_BASE_URL, POSTSCRIPT_TIMEOUT_MS } = env();
  const { priority = "background", perSecond = TWILIO_REQUESTS_PER_SECOND, paced = true } = options;
  const budget = limiterKey("twilio", authToken);
  return createTwilioAccountClient({
    accountSid,
    authToken,
    apiBaseUrl: TWILIO_API_BASE_URL,
    timeoutMs: Math.min(options.timeoutMs ?? POSTSCRIPT_TIMEOUT_MS, POSTSCRIPT_TIMEOUT_MS),
    sender: twilioSenderOf(settings),
    beforeRequest: paced ? () => waitForSendSlot(budget, Math.max(1, perSecond), priority) : undefined,
  });
}
