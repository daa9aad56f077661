import { describe, expect, it } from "vitest";
import { leadSentence } from "./lead-sentence";

describe("leadSentence", () => {
  it("keeps the first sentence as the line and the rest for the disclosure", () => {
    expect(
      leadSentence(
        "2 waiting customers never replied Y (the oldest since Dec 1, 9:30 AM UTC). Postscript will not text them.",
      ),
    ).toEqual({
      lead: "2 waiting customers never replied Y (the oldest since Dec 1, 9:30 AM UTC).",
      rest: "Postscript will not text them.",
    });
  });

  it("leaves one sentence, decimals and lower-case continuations whole", () => {
    expect(leadSentence("Every step has a green checkmark.")).toEqual({
      lead: "Every step has a green checkmark.",
      rest: null,
    });
    expect(leadSentence("Delayed by 2.5 s on average. e.g. restocks.")).toEqual({
      lead: "Delayed by 2.5 s on average. e.g. restocks.",
      rest: null,
    });
  });
});
