import { describe, expect, it } from "vitest";
import { klaviyoKeyProblem } from "@/lib/klaviyo/klaviyo-key-problem";

describe("klaviyoKeyProblem", () => {
  it("accepts private keys, real and sandbox", () => {
    expect(klaviyoKeyProblem("pk_0123456789abcdef0123456789abcdef01")).toBeNull();
    expect(klaviyoKeyProblem("pk_sandbox_demo_key_0001")).toBeNull();
  });

  it.each([
    ["the 6-character public key", "AbC123", /Public API Key \(the 6-character site ID\)/],
    ["a Postscript key", "sk_sandbox_demo_key_0001", /Postscript key/],
    ["something else", "klaviyo-key-0123456789", /start with pk_/],
    ["a partial copy", "pk_0123", /not a whole Klaviyo Private API Key/],
    ["a key with a line break", "pk_0123456789abcdef\n0123", /spaces or line breaks/],
  ])("explains %s", (_label, key, message) => {
    expect(klaviyoKeyProblem(key)).toMatch(message);
  });
});
