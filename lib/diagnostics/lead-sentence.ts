/**
 * Splits a check's text into its first sentence (shown as the one line) and the rest (behind a disclosure).
 * A sentence ends at ". " before a capital or a digit; decimals, "e.g." and the like stay whole.
 */
export function leadSentence(text: string): { lead: string; rest: string | null } {
  const match = /^(.+?[.!?])\s+(?=[A-Z0-9“"(])/.exec(text);
  if (!match) return { lead: text, rest: null };
  const rest = text.slice(match[0].length).trim();
  return { lead: match[1]!, rest: rest || null };
}
