import { describe, expect, it } from "vitest";
import { formatShopTime } from "./format-shop-time";

describe("formatShopTime", () => {
  const moment = new Date("2026-12-06T11:16:19Z");

  it("writes a moment one way, in the shop's time zone", () => {
    expect(formatShopTime(moment, "America/New_York")).toBe("Dec 6, 6:16 AM EST");
    expect(formatShopTime(moment.toISOString(), "Europe/Paris")).toBe("Dec 6, 12:16 PM GMT+1");
    expect(formatShopTime(moment, "UTC")).toBe("Dec 6, 11:16 AM UTC");
  });

  it("falls back to UTC for a zone it does not know", () => {
    expect(formatShopTime(moment, "Mars/Olympus_Mons")).toBe("Dec 6, 11:16 AM UTC");
  });
});
