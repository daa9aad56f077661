/**
 * The SMS consent disclosure a storefront signup shows next to its checkbox (the theme block and the storefront
 * preview use this same text, and the server records exactly what was shown): who texts, what for, how often,
 * that rates may apply, and STOP / HELP.
 */
export function consentDisclosure(shop: { name: string }): string {
  return (
    `By checking this box, you agree to receive automated text messages from ${shop.name} at the number provided: ` +
    `one back-in-stock alert for this item and at most one reminder. Consent is not a condition of purchase. ` +
    `Msg & data rates may apply. Reply STOP to opt out, HELP for help.`
  );
}

// What a disclosure must say, whatever its wording: checked on every signup with a phone.
const REQUIRED_PARTS: { pattern: RegExp; missing: string }[] = [
  { pattern: /rates may apply/i, missing: "that message and data rates may apply" },
  { pattern: /\bSTOP\b/, missing: "how to opt out (reply STOP)" },
  { pattern: /\bHELP\b/, missing: "how to get help (reply HELP)" },
];

/** What the shown disclosure leaves out, or null when it states everything a consent needs. */
export function missingFromDisclosure(text: string): string | null {
  const missing = REQUIRED_PARTS.filter((part) => !part.pattern.test(text)).map((part) => part.missing);
  return missing.length ? missing.join(", ") : null;
}
