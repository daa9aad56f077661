// Money and percentages as integer hundredths (cents, or hundredths of a percent), so no float ever rounds a price.

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** "24" → 2400, "4.5" → 450, "0.05" → 5; null for anything else (negative, more than 2 decimals, not a number). */
export function parseHundredths(value: string): number | null {
  const match = DECIMAL.exec(value.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + fraction;
}

/** 2400 → "24.00" (money); with `trim`, 2400 → "24" and 1250 → "12.5" (percentages). */
export function formatHundredths(value: number, { trim = false }: { trim?: boolean } = {}): string {
  const whole = Math.floor(value / 100);
  const fraction = String(value % 100).padStart(2, "0");
  if (!trim) return `${whole}.${fraction}`;
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed ? `${whole}.${trimmed}` : String(whole);
}
