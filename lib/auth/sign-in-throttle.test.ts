import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfter } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("blocks an account from an address after five failures, for minutes, and a success clears it", async () => {
    const email = `${randomBytes(4).toString("hex")}@test.example`;
    const address = `10.0.0.${randomBytes(1)[0]}`;
    for (let i = 0; i < 4; i++) await recordFailedSignIn(email, address);
    expect(await signInRetryAfter(email, address)).toBe(0);
    await recordFailedSignIn(email, address);
    const wait = await signInRetryAfter(email, address);
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // The same email from elsewhere is not locked out by someone else's guesses.
    expect(await signInRetryAfter(email, "192.0.2.99")).toBe(0);
    await clearFailedSignIns(email, address);
    expect(await signInRetryAfter(email, address)).toBe(0);
  });

  it("blocks an address that guesses across many accounts", async () => {
    const address = `198.51.100.${randomBytes(1)[0]}-${randomBytes(2).toString("hex")}`;
    for (let i = 0; i < 30; i++) await recordFailedSignIn(`user${i}-${randomBytes(2).toString("hex")}@test.example`, address);
    expect(await signInRetryAfter("fresh@test.example", address)).toBeGreaterThan(0);
  });
});
