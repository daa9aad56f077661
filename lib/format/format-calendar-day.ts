/**
 * A calendar date that is already the shop's day (a report day, the 1st a monthly allowance resets): "Dec 6", or
 * "December 1" with `month: "long"`. Such a date has no time of day, so it is written as stored, in UTC.
 */
export function formatCalendarDay(day: Date | string, month: "short" | "long" = "short"): string {
  const date = typeof day === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day) : day;
  return new Intl.DateTimeFormat("en-US", { month, day: "numeric", timeZone: "UTC" }).format(date);
}
