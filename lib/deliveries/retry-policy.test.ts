import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, retryDelayMs } from "./retry-policy";

describe("retryDelayMs", () => {
  it("doubles from the base with jitter in the upper half, up to the cap", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 1_000, capMs: 8_000 };
    expect(retryDelayMs(1, policy, undefined, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, undefined, () => 1)).toBe(1_000);
    expect(retryDelayMs(3, policy, undefined, () => 1)).toBe(4_000);
    expect(retryDelayMs(10, policy, undefined, () => 1)).toBe(8_000);
    expect(retryDelayMs(10, policy, undefined, () => 0)).toBe(4_000);
  });

  it("never retries sooner than a Retry-After", () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, 30_000, () => 0.5)).toBe(30_000);
  });
});
