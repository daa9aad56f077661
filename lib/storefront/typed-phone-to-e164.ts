import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { canReceiveTexts } from "./can-receive-texts";

// What people type in a phone field: digits, a leading +, spaces, dashes, dots and brackets. Letters (vanity
// numbers, "ext.") are refused rather than guessed at, so a typo never texts someone else.
const PHONE_CHARACTERS = /^\+?[\d\s().\-]+$/;
const MAX_PHONE_INPUT = 32;

/**
 * Normalises a phone number typed on the storefront to E.164 (`+14155552671`), reading numbers without a
 * country code in `defaultCountry`. Null when it is not a valid, diallable number (full metadata validation) or
 * one that cannot receive a text (premium-rate, landline, pager…).
 */
export function typedPhoneToE164(input: string, defaultCountry: CountryCode): string | null {
  const text = input.trim();
  if (!text || text.length > MAX_PHONE_INPUT || !PHONE_CHARACTERS.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (!parsed || !parsed.isValid() || !canReceiveTexts(parsed)) return null;
  return parsed.number;
}
