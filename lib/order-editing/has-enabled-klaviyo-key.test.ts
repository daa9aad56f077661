import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createShop } from "@/lib/testing/fixtures";
import { hasEnabledKlaviyoKey } from "./has-enabled-klaviyo-key";

describe("hasEnabledKlaviyoKey", () => {
  it("is true only with a saved key that is enabled", async () => {
    const none = await createShop();
    const enabled = await createShop();
    const disabled = await createShop();
    const keyless = await createShop();
    await prisma.klaviyoIntegration.createMany({
      data: [
        { shopId: enabled.id, encryptedKey: "v1:sealed", keyLast4: "0001", enabled: true },
        { shopId: disabled.id, encryptedKey: "v1:sealed", keyLast4: "0002", enabled: false },
        { shopId: keyless.id, encryptedKey: null, enabled: true },
      ],
    });
    expect(await hasEnabledKlaviyoKey(none.id)).toBe(false);
    expect(await hasEnabledKlaviyoKey(enabled.id)).toBe(true);
    expect(await hasEnabledKlaviyoKey(disabled.id)).toBe(false);
    expect(await hasEnabledKlaviyoKey(keyless.id)).toBe(false);
  });
});
