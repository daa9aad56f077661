import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { canReceiveTexts } from "@/lib/storefront/can-receive-texts";

/**
 * A phone from a Shopify payload ("+1 613-555-0123", "613 555 0123" with a CA address…) in E.164, or null when
 * it cannot be a phone number or cannot receive a text (premium-rate, landline…). `countryHints` (ISO codes from the order's addresses) place numbers without +.
 */
export function shopifyPhoneToE164(
  raw: string | null | undefined,
  countryHints: (string | null | undefined)[] = [],
): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const countries = [
    ...countryHints.filter((c): c is string => Boolean(c && /^[A-Za-z]{2}$/.test(c))).map((c) => c.toUpperCase()),
    undefined,
  ];
  for (const country of countries) {
    const parsed = parsePhoneNumberFromString(text, country as CountryCode | undefined);
    if (parsed?.isPossible()) return canReceiveTexts(parsed) ? parsed.number : null;
  }
  return null;
}
