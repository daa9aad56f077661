/**
 * What Twilio's error codes mean for a merchant, in words they can act on. Codes from Twilio's error reference
 * (REST errors at send time and the ErrorCode of undelivered/failed status callbacks).
 */
const MEANINGS: Record<number, string> = {
  20003: "Twilio refused the account's credentials",
  20429: "Too many requests to Twilio at once",
  21211: "Invalid phone number",
  21408: "Sending to this country or region is not enabled on the Twilio account",
  21610: "The recipient unsubscribed (replied STOP) from this sender",
  21612: "Twilio cannot route a text to this number",
  21614: "The number is not a mobile number",
  30001: "Twilio's queue overflowed",
  30002: "The Twilio account is suspended",
  30003: "Unreachable: the handset is off or out of coverage",
  30004: "The message was blocked (the recipient or carrier blocks it)",
  30005: "Unknown destination: the number does not exist",
  30006: "Landline or unreachable carrier",
  30007: "Filtered by the carrier as spam",
  30008: "Unknown error from the carrier",
  30034: "Blocked: the sending number is not registered for A2P 10DLC",
};

/** "30003 Unreachable: …", or "Twilio error N" for a code not listed. */
export function twilioErrorMeaning(code: number | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  return `${code} ${MEANINGS[code] ?? "Twilio error (see twilio.com/docs/api/errors)"}`;
}

/** Codes that say this recipient must not be texted again by this sender (treated like STOP). */
export const UNSUBSCRIBED_CODE = 21610;
