import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/**
 * A phone from a Shopify payload ("+1 613-555-0123", "613 555 0123" with a CA address…) in E.164, or null when
 * it cannot be a phone number. `countryHints` (ISO codes from the order's addresses) place numbers without +.
 */
export function normalizePhone(raw: string | null | undefined, countryHints: (string | null | undefined)[] = []): string | null {
  const text = raw?.trim();
  if (!text) return null;
  const countries = [...countryHints.filter((c): c is string => Boolean(c && /^[A-Za-z]{2}$/.test(c))).map((c) => c.toUpperCase()), undefined];
  for (const country of countries) {
    const parsed = parsePhoneNumberFromString(text, country as CountryCode | undefined);
    if (parsed?.isPossible()) return parsed.number;
  }
  return null;
}
