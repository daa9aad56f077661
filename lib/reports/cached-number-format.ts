// Building an Intl.NumberFormat costs far more than formatting with one (a report has thousands of cells and
// axis ticks), so each is built once per process.
const formats = new Map<string, Intl.NumberFormat | null>();

/**
 * The en-US formatter for plain counts (no currency), or for money in `currency` (whole units when asked, for
 * chart axes); null for a currency code Intl does not know (from Shopify), which callers write out themselves.
 */
export function cachedNumberFormat(currency: string | null, wholeUnits = false): Intl.NumberFormat | null {
  const key = `${currency ?? ""}|${wholeUnits}`;
  if (!formats.has(key)) {
    try {
      formats.set(
        key,
        new Intl.NumberFormat(
          "en-US",
          currency ? { style: "currency", currency, ...(wholeUnits ? { maximumFractionDigits: 0 } : {}) } : {},
        ),
      );
    } catch {
      formats.set(key, null);
    }
  }
  return formats.get(key)!;
}
