import { maskRecipient } from "@/lib/deliveries/mask-recipient";

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g;
// International numbers (+, then digits with spaces, dashes, dots or brackets) and bare runs of 10–15 digits;
// dates, times, statuses and counts do not match.
const PHONE = /\+\d[\d\s().-]{6,}\d|\b\d{10,15}\b/g;
const URL_IN_TEXT = /https?:\/\/[^\s"'<>\\]+/gi;
// A path segment or query value that is a secret: long, mixed-case letters and digits (signed tokens, keys,
// signatures). Product handles are lowercase and Shopify ids are digits only, so neither matches.
const TOKEN = /^(?=.*\d)(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9._~%-]{20,}$/;
const HIDDEN = "••••";

function maskContacts(text: string): string {
  return text
    .replace(EMAIL, (email) => maskRecipient(null, email))
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, "");
      return digits.length >= 8 ? maskRecipient(`${match.startsWith("+") ? "+" : ""}${digits}`, null) : match;
    });
}

/**
 * A link as an agent may see it: where it goes, with every token in its path or query hidden (an order's portal
 * link is the customer's way in) and emails in the query masked. Ids stay readable: they are not phone numbers.
 */
export function maskUrl(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return `${link.slice(0, link.indexOf("//") + 2)}${HIDDEN}`;
  }
  const path = url.pathname
    .split("/")
    .map((segment) => (TOKEN.test(segment) ? HIDDEN : segment))
    .join("/");
  const query = [...url.searchParams]
    .map(([key, value]) => `${key}=${TOKEN.test(value) ? HIDDEN : value.includes("@") ? maskContacts(value) : value}`)
    .join("&");
  return `${url.origin}${path}${query ? `?${query}` : ""}${url.hash ? HIDDEN : ""}`;
}

/**
 * Masks phone numbers and emails inside free text (an error message, Postscript's answer, event properties), the
 * way the ledger masks recipients, and the tokens inside links, so support pages show customers' contact details
 * only when revealed and never a customer's portal link.
 */
export function maskText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    // Punctuation closing the sentence around a link is not part of it.
    const link = match[0].replace(/[).,;:!?]+$/, "");
    out += maskContacts(text.slice(last, match.index)) + maskUrl(link);
    last = match.index + link.length;
  }
  return out + maskContacts(text.slice(last));
}

// Properties that hold a person's name (the customer's), as opposed to shop, product or strategy names.
const PERSON_NAME = /^(customer_name|customer_first_name|customer_last_name|first_name|last_name)$/;

/** A person's name as an agent sees it: each word's first letter ("Jamie Doe" → "J••• D•••"). */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${[...word][0]}•••`)
    .join(" ");
}

/** One event property as an agent sees it: a customer's name masked like a contact, links and contacts masked. */
export function maskProperty(name: string, value: string): string {
  return PERSON_NAME.test(name) ? maskName(value) : maskText(value);
}
