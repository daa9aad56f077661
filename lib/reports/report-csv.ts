import { csvCell } from "@/lib/back-in-stock/waitlist-csv";
import type { ReportTable } from "./report-tables";

/**
 * One report table as CSV: the same rows as on the page, money as plain decimals in the shop's currency (named in
 * the header), rates as percentages, times in minutes, so a spreadsheet can add them up.
 */
export function reportCsv(table: ReportTable, currency: string): string {
  const header = table.columns.map((c) =>
    csvCell(
      c.format === "money"
        ? `${c.label} (${currency})`
        : c.format === "percent"
          ? `${c.label} (%)`
          : c.format === "minutes"
            ? `${c.label} (minutes)`
            : c.label,
    ),
  );
  const lines = table.rows.map((row) =>
    row
      .map((value, i) => {
        if (value === null) return "";
        if (typeof value === "string") return csvCell(value);
        const format = table.columns[i]?.format;
        if (format === "money") return value.toFixed(2);
        if (format === "percent") return (value * 100).toFixed(1);
        return String(value);
      })
      .join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}
