import { describe, expect, it } from "vitest";
import { measureSms } from "./measure-sms";

describe("measureSms", () => {
  it("counts GSM-7 segments: 160 characters fit one, 161 need two", () => {
    expect(measureSms("a".repeat(160))).toEqual({
      characters: 160,
      segments: 1,
      encoding: "GSM-7",
      nonGsmCharacters: [],
    });
    expect(measureSms("a".repeat(161))).toMatchObject({ segments: 2, encoding: "GSM-7" });
  });

  it("switches to UCS-2 for an emoji and names the characters that caused it", () => {
    expect(measureSms(`Back in stock ✓ ${"a".repeat(60)} ✓`)).toMatchObject({
      segments: 2,
      encoding: "UCS-2",
      nonGsmCharacters: ["✓"],
    });
  });

  it("counts a GSM-7 extension character twice and an empty text as no segments", () => {
    expect(measureSms("€5")).toMatchObject({ characters: 3, encoding: "GSM-7" });
    expect(measureSms("")).toMatchObject({ characters: 0, segments: 0 });
  });
});
