import { describe, expect, it } from "vitest";
import { integrationStatus } from "./integration-status";

const base = { encryptedKey: "v1.x.y.z", enabled: true, verification: "VERIFIED" as const, lastError: null };

describe("integrationStatus", () => {
  it("shows exactly one of the four banners", () => {
    expect(integrationStatus(null).title).toBe("API key not configured");
    expect(integrationStatus({ ...base, encryptedKey: null }).title).toBe("API key not configured");
    expect(integrationStatus({ ...base, enabled: false }).title).toBe("Integration disabled");
    expect(integrationStatus({ ...base, verification: "UNVERIFIED" }).title).toBe("Integration not complete");
    expect(integrationStatus({ ...base, verification: "INVALID" }).title).toBe("Integration not complete");
    expect(integrationStatus(base).title).toBe("Connected");
  });

  it("says why a saved key is not complete", () => {
    expect(integrationStatus({ ...base, verification: "UNVERIFIED" }).detail).toMatch(
      /API key saved but connection could not be verified/,
    );
    expect(integrationStatus({ ...base, verification: "INVALID" }).detail).toMatch(/regenerated or expired/);
  });

  it("puts a disabled integration before an unverified key", () => {
    expect(integrationStatus({ ...base, enabled: false, verification: "UNVERIFIED" }).status).toBe("disabled");
  });
});
