import { describe, expect, it } from "vitest";
import { maskRecipient } from "./mask-recipient";

describe("maskRecipient", () => {
  it("keeps the country code and last four digits of a phone", () => {
    expect(maskRecipient("+15555550123", null)).toBe("+1••••••0123");
  });
  it("keeps the first letter and the domain of an email", () => {
    expect(maskRecipient(null, "maya@demo.test")).toBe("m•••@demo.test");
  });
  it("prefers the phone and says so when there is neither", () => {
    expect(maskRecipient("+15555550123", "maya@demo.test")).toBe("+1••••••0123");
    expect(maskRecipient(null, null)).toBe("—");
  });
});
