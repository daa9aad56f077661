import { describe, expect, it } from "vitest";
import { resolveReportRange, shopToday } from "./report-range";

const now = new Date("2026-12-06T03:30:00Z");

describe("resolveReportRange", () => {
  it("counts the last N days up to today in the shop's time zone", () => {
    // 03:30 UTC is still December 5 in New York and already December 6 in Tokyo.
    expect(shopToday("America/New_York", now)).toBe("2026-12-05");
    expect(shopToday("Asia/Tokyo", now)).toBe("2026-12-06");
    const week = resolveReportRange({ range: "7" }, "America/New_York", now);
    expect(week).toMatchObject({ preset: "7", from: "2026-11-29", to: "2026-12-05", error: null });
    expect(week.days).toHaveLength(7);
    expect(resolveReportRange({ range: "90" }, "Asia/Tokyo", now).days).toHaveLength(90);
  });

  it("takes a custom range (swapped when reversed) and refuses one it cannot read or too long, saying why", () => {
    expect(resolveReportRange({ range: "custom", from: "2026-12-03", to: "2026-12-01" }, "UTC", now)).toMatchObject({
      preset: "custom",
      from: "2026-12-01",
      to: "2026-12-03",
      days: ["2026-12-01", "2026-12-02", "2026-12-03"],
    });
    expect(resolveReportRange({ range: "custom", from: "2026-02-30", to: "2026-03-01" }, "UTC", now)).toMatchObject({
      preset: "30",
      error: expect.stringContaining("start and an end"),
    });
    expect(resolveReportRange({ range: "custom", from: "2024-01-01", to: "2026-01-01" }, "UTC", now)).toMatchObject({
      preset: "30",
      error: expect.stringContaining("366"),
    });
    expect(resolveReportRange({ range: "nonsense" }, "UTC", now)).toMatchObject({ preset: "30", error: null });
  });
});
