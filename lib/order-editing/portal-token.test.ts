import { describe, expect, it } from "vitest";
import { signPortalToken, verifyPortalToken } from "./portal-token";

const orderId = "cmi1ab2cd3ef4gh5ij6kl7mn8";

describe("portal tokens", () => {
  it("round-trips an order id", () => {
    const token = signPortalToken(orderId);
    expect(token.startsWith(`${orderId}.`)).toBe(true);
    expect(verifyPortalToken(token)).toBe(orderId);
  });

  it("refuses a token for another order, a changed signature and malformed input", () => {
    const token = signPortalToken(orderId);
    const signature = token.split(".")[1]!;
    const otherId = "cmi1ab2cd3ef4gh5ij6kl7mn9";
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    for (const bad of [
      `${otherId}.${signature}`,
      `${orderId}.${flipped}`,
      orderId,
      `${orderId}.`,
      "",
      "../../etc/passwd",
      `${orderId}.${signature}x`,
      `${orderId.toUpperCase()}.${signature}`,
    ]) {
      expect(verifyPortalToken(bad)).toBeNull();
    }
  });
});
