import { describe, expect, it } from "vitest";
import { DEFAULT_QUIET_HOURS, quietHoursEnd } from "./quiet-hours-end";
import { recipientTimeZone } from "./recipient-time-zone";

describe("recipientTimeZone", () => {
  it("reads North American area codes, countries, and falls back to the shop's zone", () => {
    expect(recipientTimeZone("+14155552671", "UTC")).toBe("America/Los_Angeles");
    expect(recipientTimeZone("+12125550100", "UTC")).toBe("America/New_York");
    expect(recipientTimeZone("+13125550100", "UTC")).toBe("America/Chicago");
    expect(recipientTimeZone("+447700900123", "UTC")).toBe("Europe/London");
    expect(recipientTimeZone("+15555550101", "Europe/Paris")).toBe("Europe/Paris");
    expect(recipientTimeZone("not a phone", "Asia/Tokyo")).toBe("Asia/Tokyo");
  });
});

describe("quietHoursEnd", () => {
  it("a 23:00 local send waits until 08:00 local the next morning", () => {
    // 23:00 in Los Angeles (PST, UTC-8) on 2026-12-06 is 07:00 UTC on the 7th; 08:00 local is 16:00 UTC.
    const end = quietHoursEnd(new Date("2026-12-07T07:00:00Z"), "America/Los_Angeles", DEFAULT_QUIET_HOURS);
    expect(end?.toISOString()).toBe("2026-12-07T16:00:00.000Z");
  });

  it("after midnight it waits for the same morning; daytime and disabled are not quiet", () => {
    expect(quietHoursEnd(new Date("2026-12-07T02:30:00Z"), "Europe/London", DEFAULT_QUIET_HOURS)?.toISOString()).toBe(
      "2026-12-07T08:00:00.000Z",
    );
    expect(quietHoursEnd(new Date("2026-12-07T12:00:00Z"), "Europe/London", DEFAULT_QUIET_HOURS)).toBeNull();
    expect(quietHoursEnd(new Date("2026-12-07T08:00:00Z"), "Europe/London", DEFAULT_QUIET_HOURS)).toBeNull();
    expect(quietHoursEnd(new Date("2026-12-07T21:00:00Z"), "Europe/London", DEFAULT_QUIET_HOURS)?.toISOString()).toBe(
      "2026-12-08T08:00:00.000Z",
    );
    expect(
      quietHoursEnd(new Date("2026-12-07T23:00:00Z"), "Europe/London", { ...DEFAULT_QUIET_HOURS, enabled: false }),
    ).toBeNull();
  });
});
