import { describe, expect, it } from "vitest";
import { formatMinutes, formatReportCell } from "./format-report-cell";
import { reportCsv } from "./report-csv";

describe("reportCsv", () => {
  it("writes the table's rows with units in the header and keeps text cells from running as formulas", () => {
    const csv = reportCsv(
      {
        id: "conversions-by-product",
        title: "Conversions by product",
        columns: [
          { label: "Product", format: "text" },
          { label: "Orders", format: "int" },
          { label: "Rate", format: "percent" },
          { label: "Revenue", format: "money" },
          { label: "Time", format: "minutes" },
        ],
        rows: [
          ['=HYPERLINK("x")', 3, 0.125, 1234.5, 95],
          ["Tee, large", 0, null, 0, null],
        ],
      },
      "EUR",
    );
    expect(csv).toBe(
      'Product,Orders,Rate (%),Revenue (EUR),Time (minutes)\n"\'=HYPERLINK(""x"")",3,12.5,1234.50,95\n"Tee, large",0,,0.00,\n',
    );
  });

  it("formats cells as the page shows them", () => {
    expect(formatReportCell(1234.5, "money", "USD")).toBe("$1,234.50");
    expect(formatReportCell(0.5, "percent", "USD")).toBe("50.0%");
    expect(formatReportCell(null, "percent", "USD")).toBe("—");
    expect(formatMinutes(95)).toBe("1 h 35 min");
    expect(formatMinutes(3000)).toBe("2 d 2 h");
  });
});
