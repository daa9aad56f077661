import { describe, expect, it } from "vitest";
import { maskText } from "./mask-text";

describe("maskText", () => {
  it("masks phone numbers and emails inside text and leaves the rest", () => {
    expect(maskText("Invalid phone +14155552671 for jamie@example.com (HTTP 400)")).toBe("Invalid phone +1••••••2671 for j•••@example.com (HTTP 400)");
    expect(maskText('{"customer_phone":"+1 415-555-2671"}')).toBe('{"customer_phone":"+1••••••2671"}');
  });

  it("keeps short numbers such as statuses, counts and dates", () => {
    expect(maskText("Gave up after 12 attempts. Last answer: 503 at 2026-11-23")).toBe("Gave up after 12 attempts. Last answer: 503 at 2026-11-23");
  });
});
