import { describe, expect, it } from "vitest";
import { normalizePhone } from "./normalize-phone";
import { shopPhoneCountry } from "./shop-phone-country";

describe("normalizePhone", () => {
  it.each([
    ["(415) 555-2671", "+14155552671"],
    ["415-555-2671", "+14155552671"],
    ["415.555.2671", "+14155552671"],
    ["4155552671", "+14155552671"],
    ["1 415 555 2671", "+14155552671"],
    ["+1 (415) 555-2671", "+14155552671"],
    ["  +14155552671  ", "+14155552671"],
    ["+44 20 7946 0958", "+442079460958"],
    ["416 555 0123", "+14165550123"],
  ])("reads %j as %s (default US)", (input, e164) => {
    expect(normalizePhone(input, "US")).toBe(e164);
  });

  it.each(["12", "+1 555", "555", "abc", "555-CALL-NOW", "415 555 2671 ext 5", "+1 415 555 2671 x5", "+15555550123", "020 7946 0958", "", "   ", "++14155552671", "4155552671".repeat(4), "+999 1234 5678"])(
    "refuses %j",
    (input) => {
      expect(normalizePhone(input, "US")).toBeNull();
    },
  );

  it("reads a national number in the shop's country", () => {
    expect(normalizePhone("020 7946 0958", "GB")).toBe("+442079460958");
    expect(normalizePhone("07911 123456", "GB")).toBe("+447911123456");
    // An international number is read as written, whatever the shop's country.
    expect(normalizePhone("+1 415 555 2671", "GB")).toBe("+14155552671");
  });
});

describe("shopPhoneCountry", () => {
  it("infers the country from the time zone, then the currency, else the US", () => {
    expect(shopPhoneCountry({ timeZone: "America/Toronto", currency: "CAD" })).toBe("CA");
    expect(shopPhoneCountry({ timeZone: "Europe/London", currency: "EUR" })).toBe("GB");
    expect(shopPhoneCountry({ timeZone: "UTC", currency: "gbp" })).toBe("GB");
    expect(shopPhoneCountry({ timeZone: "America/New_York", currency: "USD" })).toBe("US");
    expect(shopPhoneCountry({ timeZone: "UTC", currency: "EUR" })).toBe("US");
  });
});
