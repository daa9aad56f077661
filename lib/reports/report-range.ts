import { z } from "zod";

/** The ranges the picker offers; "custom" takes from/to. */
export const REPORT_PRESETS = ["7", "30", "90"] as const;
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date (YYYY-MM-DD)" });

/** The picker's query string: a preset, or a custom from/to in the shop's time zone. */
export const reportRangeSchema = z.object({
  range: z.enum([...REPORT_PRESETS, "custom"]).catch("30"),
  from: isoDay.optional().catch(undefined),
  to: isoDay.optional().catch(undefined),
});
export type ReportRangeInput = z.infer<typeof reportRangeSchema>;

export type ReportRange = {
  preset: (typeof REPORT_PRESETS)[number] | "custom";
  /** First and last day shown, YYYY-MM-DD in the shop's time zone, both included. */
  from: string;
  to: string;
  days: string[];
  /** Why a custom range was not taken as given, for the picker to show. */
  error: string | null;
};

/** Today's date (YYYY-MM-DD) in a time zone. */
export function shopToday(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const validDay = (day: string) =>
  !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The days a report covers, in the shop's time zone: the last 7/30/90 days including today, or a custom range
 * (at most a year; a reversed range is swapped). A custom range that cannot be read falls back to 30 days and
 * says why.
 */
export function resolveReportRange(input: unknown, timeZone: string, now: Date = new Date()): ReportRange {
  const parsed = reportRangeSchema.parse(input ?? {});
  const today = shopToday(timeZone, now);
  const preset = (
    n: number,
    error: string | null = null,
    name: ReportRange["preset"] = String(n) as ReportRange["preset"],
  ): ReportRange => {
    const from = addDays(today, -(n - 1));
    return { preset: name, from, to: today, days: daysBetween(from, today), error };
  };
  if (parsed.range !== "custom") return preset(Number(parsed.range));
  if (!parsed.from || !parsed.to || !validDay(parsed.from) || !validDay(parsed.to)) {
    return preset(30, "Choose both a start and an end date for a custom range.", "30");
  }
  const [from, to] = parsed.from <= parsed.to ? [parsed.from, parsed.to] : [parsed.to, parsed.from];
  const days = daysBetween(from, to);
  if (days.length > MAX_DAYS) return preset(30, `A custom range can cover at most ${MAX_DAYS} days.`, "30");
  return { preset: "custom", from, to, days, error: null };
}
