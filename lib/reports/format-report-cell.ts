import { cachedNumberFormat } from "./cached-number-format";
import type { ColumnFormat, ReportCell } from "./report-tables";

/** A table cell as the page shows it: money in the shop's currency, rates as percentages, minutes as a duration. */
export function formatReportCell(value: ReportCell, format: ColumnFormat, currency: string): string {
  if (value === null || value === "") return "—";
  if (typeof value === "string") return value;
  switch (format) {
    case "money":
      return cachedNumberFormat(currency)?.format(value) ?? `${value.toFixed(2)} ${currency}`;
    case "percent":
      return `${(value * 100).toFixed(1)}%`;
    case "minutes":
      return formatMinutes(value);
    default:
      return cachedNumberFormat(null)!.format(value);
  }
}

/** 95 → "1 h 35 min"; 3000 → "2 d 2 h". */
export function formatMinutes(total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = Math.round(total % 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}
