import { env } from "@/lib/env";

export type TwilioConfig = {
  accountSid: string;
  authToken: string;
  messagingServiceSid: string;
  /** https://api.twilio.com, or the sandbox's stand-in in dev and tests. */
  apiBaseUrl: string;
  /** The one bound on waiting for an outside API (POSTSCRIPT_TIMEOUT_MS): the send limiter's in-flight bound relies on it. */
  timeoutMs: number;
};

/** The app's Twilio account for built-in SMS, or null when it is not configured (built-in SMS then waits). */
export function twilioConfig(): TwilioConfig | null {
  const {
    TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_MESSAGING_SERVICE_SID,
    TWILIO_API_BASE_URL,
    POSTSCRIPT_TIMEOUT_MS,
  } = env();
  if (!TWILIO_ACCOUNT_SID || !TWILIO_AUTH_TOKEN || !TWILIO_MESSAGING_SERVICE_SID) return null;
  return {
    accountSid: TWILIO_ACCOUNT_SID,
    authToken: TWILIO_AUTH_TOKEN,
    messagingServiceSid: TWILIO_MESSAGING_SERVICE_SID,
    apiBaseUrl: TWILIO_API_BASE_URL,
    timeoutMs: POSTSCRIPT_TIMEOUT_MS,
  };
}
