/** The message for input refused by containsNul, shared by every form so customers and merchants read the same. */
export const NUL_MESSAGE =
  "What you entered contains an invisible NUL character, which cannot be saved. Remove it and try again.";

/** True when any string (or key) in the input holds U+0000, which PostgreSQL cannot store or even compare. */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  const seen = new WeakSet<object>();
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (next.includes("\u0000")) return true;
    } else if (next !== null && typeof next === "object" && !seen.has(next)) {
      seen.add(next);
      for (const [key, item] of Object.entries(next)) {
        if (key.includes("\u0000")) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
