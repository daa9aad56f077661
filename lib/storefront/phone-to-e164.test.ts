import { describe, expect, it } from "vitest";
import { shopifyPhoneToE164 } from "@/lib/shopify/shopify-phone-to-e164";
import { typedPhoneToE164 } from "./typed-phone-to-e164";
import { shopPhoneCountry } from "./shop-phone-country";

describe("typedPhoneToE164", () => {
  it.each([
    ["(415) 555-2671", "+14155552671"],
    ["415-555-2671", "+14155552671"],
    ["415.555.2671", "+14155552671"],
    ["4155552671", "+14155552671"],
    ["1 415 555 2671", "+14155552671"],
    ["+1 (415) 555-2671", "+14155552671"],
    ["  +14155552671  ", "+14155552671"],
    ["+44 7911 123456", "+447911123456"],
    ["416 555 0123", "+14165550123"],
  ])("reads %j as %s (default US)", (input, e164) => {
    expect(typedPhoneToE164(input, "US")).toBe(e164);
  });

  it.each([
    "12",
    "+1 555",
    "555",
    "abc",
    "555-CALL-NOW",
    "415 555 2671 ext 5",
    "+1 415 555 2671 x5",
    "+15555550123",
    "020 7946 0958",
    "",
    "   ",
    "++14155552671",
    "4155552671".repeat(4),
    "+999 1234 5678",
  ])("refuses %j", (input) => {
    expect(typedPhoneToE164(input, "US")).toBeNull();
  });

  it("reads a national number in the shop's country", () => {
    expect(typedPhoneToE164("07911 123456", "GB")).toBe("+447911123456");
    // An international number is read as written, whatever the shop's country.
    expect(typedPhoneToE164("+1 415 555 2671", "GB")).toBe("+14155552671");
  });
});

describe("numbers that cannot take a text", () => {
  it.each([
    ["1-900-555-0199", "US", "premium rate"],
    ["1-800-555-0199", "US", "toll free"],
    ["+44 20 7946 0958", "US", "a London landline"],
    ["020 7946 0958", "GB", "a London landline, national"],
  ])("refuses %j (%s, %s) on the storefront and in Shopify payloads", (input, country) => {
    expect(typedPhoneToE164(input, country as "US" | "GB")).toBeNull();
    expect(shopifyPhoneToE164(input, [country])).toBeNull();
  });

  it("keeps mobile and North American numbers in Shopify payloads", () => {
    expect(shopifyPhoneToE164("+1 613-555-0123", [])).toBe("+16135550123");
    expect(shopifyPhoneToE164("07911 123456", ["GB"])).toBe("+447911123456");
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
