import { maskRecipient } from "@/lib/deliveries/mask-recipient";

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g;
// International numbers (+, then digits with spaces, dashes, dots or brackets) and bare runs of 10–15 digits;
// dates, times, statuses and counts do not match.
const PHONE = /\+\d[\d\s().-]{6,}\d|\b\d{10,15}\b/g;

/**
 * Masks phone numbers and emails inside free text (an error message, Postscript's answer, event properties), the
 * way the ledger masks recipients, so support pages show customers' contact details only when revealed.
 */
export function maskText(text: string): string {
  return text
    .replace(EMAIL, (email) => maskRecipient(null, email))
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, "");
      return digits.length >= 8 ? maskRecipient(`${match.startsWith("+") ? "+" : ""}${digits}`, null) : match;
    });
}
