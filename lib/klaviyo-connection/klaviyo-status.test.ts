import { describe, expect, it } from "vitest";
import { KLAVIYO_STATUS_TEXT, klaviyoStatus } from "./klaviyo-status";

const base = { encryptedKey: "v1.x.y.z", enabled: true, verification: "VERIFIED" as const };

describe("klaviyoStatus", () => {
  it("gives exactly one status", () => {
    expect(klaviyoStatus(null)).toBe("not_configured");
    expect(klaviyoStatus({ ...base, encryptedKey: null })).toBe("not_configured");
    expect(klaviyoStatus({ ...base, enabled: false })).toBe("disabled");
    expect(klaviyoStatus({ ...base, verification: "UNVERIFIED" })).toBe("unverified");
    expect(klaviyoStatus({ ...base, verification: "INVALID" })).toBe("invalid");
    expect(klaviyoStatus(base)).toBe("connected");
  });

  it("puts a disabled integration before a key problem", () => {
    expect(klaviyoStatus({ ...base, enabled: false, verification: "INVALID" })).toBe("disabled");
  });

  it("tells the merchant that events wait whenever sending is not possible", () => {
    for (const status of ["unverified", "invalid", "disabled"] as const)
      expect(KLAVIYO_STATUS_TEXT[status].detail).toMatch(/wait/);
  });
});
