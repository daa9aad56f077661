const FIELDS = [
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12 }, // month
  { min: 0, max: 6 }, // day of week (0 = Sunday)
] as const;

function parseField(text: string, { min, max }: { min: number; max: number }): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = [min, max];
    if (range !== "*") {
      const [a = NaN, b] = range.split("-").map(Number);
      [from, to] = [a, b ?? (stepText === undefined ? a : max)];
    }
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max || from > to) {
      throw new Error(`Unsupported cron field "${text}"`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/**
 * Whether a cron schedule (five fields, UTC, optional `TZ=UTC ` prefix as Inngest accepts it) fires in the minute
 * of `at`. Covers what the app's jobs use: `*`, `*\/n`, numbers, ranges and lists.
 */
export function cronFiresAt(schedule: string, at: Date): boolean {
  const expression = schedule.replace(/^TZ=UTC\s+/, "");
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 || expression.startsWith("TZ=")) throw new Error(`Unsupported cron schedule "${schedule}"`);
  const actual = [at.getUTCMinutes(), at.getUTCHours(), at.getUTCDate(), at.getUTCMonth() + 1, at.getUTCDay()];
  return parts.every((part, i) => parseField(part, FIELDS[i]!).has(actual[i]!));
}
