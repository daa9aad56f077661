import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createShop } from "@/lib/testing/fixtures";
import { hasEnabledKlaviyoKey } from "./has-enabled-klaviyo-key";

describe("hasEnabledKlaviyoKey", () => {
  it("is true only with a saved Klaviyo key that is enabled", async () => {
    const none = await createShop();
    const enabled = await createShop();
    const disabled = await createShop();
    const keyless = await createShop();
    await prisma.integration.createMany({
      data: [
        // Another provider's enabled key does not count.
        { shopId: none.id, provider: "POSTSCRIPT", encryptedKey: "v1:sealed", keyLast4: "0000", enabled: true },
        { shopId: enabled.id, provider: "KLAVIYO", encryptedKey: "v1:sealed", keyLast4: "0001", enabled: true },
        { shopId: disabled.id, provider: "KLAVIYO", encryptedKey: "v1:sealed", keyLast4: "0002", enabled: false },
        { shopId: keyless.id, provider: "KLAVIYO", encryptedKey: null, enabled: true },
      ],
    });
    expect(await hasEnabledKlaviyoKey(none.id)).toBe(false);
    expect(await hasEnabledKlaviyoKey(enabled.id)).toBe(true);
    expect(await hasEnabledKlaviyoKey(disabled.id)).toBe(false);
    expect(await hasEnabledKlaviyoKey(keyless.id)).toBe(false);
  });
});
