import type { PhoneNumber } from "libphonenumber-js/max";

// Number types libphonenumber knows cannot take a marketing text, or cost the sender (premium rate, shared cost).
const REFUSED_TYPES = new Set(["PREMIUM_RATE", "SHARED_COST", "TOLL_FREE", "FIXED_LINE", "PAGER", "UAN", "VOICEMAIL"]);

/**
 * False when libphonenumber (full metadata) says the number's type cannot receive an SMS or is premium-rate;
 * true for mobile, fixed-line-or-mobile (most of North America), VoIP, personal numbers, and unknown types.
 */
export function canReceiveTexts(phone: PhoneNumber): boolean {
  const type = phone.getType();
  return !type || !REFUSED_TYPES.has(type);
}
