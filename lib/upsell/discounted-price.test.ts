import { describe, expect, it } from "vitest";
import { discountedPrice } from "./discounted-price";
import { formatHundredths, parseHundredths } from "./hundredths";

describe("hundredths", () => {
  it("parses decimals with at most 2 places into integers and formats them back", () => {
    expect(parseHundredths("24")).toBe(2400);
    expect(parseHundredths("24.5")).toBe(2450);
    expect(parseHundredths(" 0.05 ")).toBe(5);
    expect(parseHundredths("0")).toBe(0);
    for (const bad of ["", "-1", "1.234", "1e3", "abc", "1.", ".5", "1,5"]) expect(parseHundredths(bad)).toBeNull();
    expect(formatHundredths(2400)).toBe("24.00");
    expect(formatHundredths(5)).toBe("0.05");
    expect(formatHundredths(2400, { trim: true })).toBe("24");
    expect(formatHundredths(1250, { trim: true })).toBe("12.5");
    expect(formatHundredths(1225, { trim: true })).toBe("12.25");
  });
});

describe("discountedPrice", () => {
  it("takes a percentage off and rounds the price half-up to the cent", () => {
    expect(discountedPrice("30.00", "PERCENTAGE", "20")).toEqual({
      price: "24.00",
      compareAtPrice: "30.00",
      discountAmount: "20",
    });
    // 0.05 × 0.9 = 0.045 → 0.05 (half-up, where a float would give 0.04)
    expect(discountedPrice("0.05", "PERCENTAGE", "10")).toMatchObject({ price: "0.05" });
    // 19.99 × 0.85 = 16.9915 → 16.99
    expect(discountedPrice("19.99", "PERCENTAGE", "15")).toMatchObject({ price: "16.99" });
    // 10.01 × 0.875 = 8.75875 → 8.76
    expect(discountedPrice("10.01", "PERCENTAGE", "12.5")).toEqual({
      price: "8.76",
      compareAtPrice: "10.01",
      discountAmount: "12.5",
    });
    // 1.10 × 0.85 = 0.935 exactly → 0.94 (a float computes 0.93499…)
    expect(discountedPrice("1.10", "PERCENTAGE", "15")).toMatchObject({ price: "0.94" });
    expect(discountedPrice("89", "PERCENTAGE", "90")).toMatchObject({ price: "8.90", compareAtPrice: "89.00" });
  });

  it("takes a fixed amount off, never below 0.00, and reports the amount actually taken off", () => {
    expect(discountedPrice("24.00", "FIXED_AMOUNT", "4.00")).toEqual({
      price: "20.00",
      compareAtPrice: "24.00",
      discountAmount: "4.00",
    });
    expect(discountedPrice("24.00", "FIXED_AMOUNT", "4.5")).toMatchObject({ price: "19.50", discountAmount: "4.50" });
    expect(discountedPrice("3.00", "FIXED_AMOUNT", "4.00")).toEqual({
      price: "0.00",
      compareAtPrice: "3.00",
      discountAmount: "3.00",
    });
    expect(discountedPrice("4.00", "FIXED_AMOUNT", "4.00")).toMatchObject({ price: "0.00", discountAmount: "4.00" });
  });

  it("leaves the price alone for no discount and refuses prices it cannot read", () => {
    expect(discountedPrice("49.00", "PERCENTAGE", "0")).toEqual({
      price: "49.00",
      compareAtPrice: "49.00",
      discountAmount: "0",
    });
    expect(discountedPrice("49.00", "FIXED_AMOUNT", "0")).toEqual({
      price: "49.00",
      compareAtPrice: "49.00",
      discountAmount: "0.00",
    });
    expect(discountedPrice("49.999", "PERCENTAGE", "10")).toBeNull();
    expect(discountedPrice("", "FIXED_AMOUNT", "1")).toBeNull();
  });
});
