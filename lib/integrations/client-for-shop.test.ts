import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { limiterKey } from "@/lib/deliveries/send-slot-limiter";
import type { IntegrationProvider, KeyVerification } from "@/lib/generated/prisma/client";
import { createShop } from "@/lib/testing/fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { clientForShop, IntegrationUnavailableError } from "./client-for-shop";
import { klaviyoAdapter } from "./klaviyo-adapter";
import { postscriptAdapter } from "./postscript-adapter";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 2_000 });
});
afterAll(async () => {
  await sandbox.close();
});

const hex = () => randomBytes(8).toString("hex");

async function shopWith(
  provider: IntegrationProvider,
  apiKey: string | null,
  data: { verification?: KeyVerification; rateLimitPerSecond?: number; sealed?: string } = {},
) {
  const shop = await createShop();
  await prisma.integration.create({
    data: {
      shopId: shop.id,
      provider,
      encryptedKey: data.sealed ?? (apiKey ? encryptSecret(apiKey) : null),
      keyLast4: apiKey?.slice(-4) ?? null,
      verification: data.verification ?? "VERIFIED",
      rateLimitPerSecond: data.rateLimitPerSecond ?? null,
    },
  });
  return shop.id;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntegrationUnavailableError);
  return (error as IntegrationUnavailableError).reason;
}

describe("clientForShop", () => {
  it("opens the shop's verified key and works against the provider", async () => {
    const key = `sk_sandbox_${hex()}`;
    const shopId = await shopWith("POSTSCRIPT", key);
    const { client, integration, budget } = await clientForShop("POSTSCRIPT", shopId);
    expect(integration.shopId).toBe(shopId);
    expect((await client.getMe()).resourceName).toBeTruthy();
    // The key's one budget: named by a hash of the key, at Postscript's documented limit when none is configured.
    expect(budget).toEqual({ key: limiterKey("postscript", key), perSecond: postscriptAdapter.defaultPerSecond });
    expect(budget.key).not.toContain(key);
  });

  it("paces every call at the integration's configured limit", async () => {
    const key = `sk_sandbox_${hex()}`;
    const shopId = await shopWith("POSTSCRIPT", key, { rateLimitPerSecond: 4 });
    const { client, budget } = await clientForShop("POSTSCRIPT", shopId);
    expect(budget.perSecond).toBe(4);
    const started = performance.now();
    for (let i = 0; i < 5; i++) await client.getMe();
    // Five requests at 4/s are at least four intervals (~254 ms each) apart.
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * Math.floor(1_000 / 4));
  });

  it("sends Klaviyo calls through the key's shared budget too", async () => {
    const key = `pk_sandbox_${hex()}`;
    const shopId = await shopWith("KLAVIYO", key);
    const { client, budget } = await clientForShop("KLAVIYO", shopId);
    expect(budget).toEqual({ key: limiterKey("klaviyo", key), perSecond: klaviyoAdapter.defaultPerSecond });
    expect(await prisma.sendBudget.findUnique({ where: { key: budget.key } })).toBeNull();
    await client.getAccount();
    expect(await prisma.sendBudget.findUnique({ where: { key: budget.key } })).not.toBeNull();
  });

  it("refuses with what to do: no key, a key not verified, a key the server can no longer open", async () => {
    const missing = await createShop();
    expect(await reason(clientForShop("POSTSCRIPT", missing.id))).toBe("not_connected");
    const keyless = await shopWith("KLAVIYO", null);
    expect(await reason(clientForShop("KLAVIYO", keyless))).toBe("not_connected");

    const unverified = await shopWith("POSTSCRIPT", `sk_sandbox_${hex()}`, { verification: "INVALID" });
    expect(await reason(clientForShop("POSTSCRIPT", unverified))).toBe("not_verified");
    // The key check and "Verify again" open a saved key whatever its state.
    await expect(clientForShop("POSTSCRIPT", unverified, { require: "saved" })).resolves.toMatchObject({
      integration: { verification: "INVALID" },
    });

    const foreign = await shopWith("POSTSCRIPT", "sk_sandbox_x", {
      sealed: encryptSecret("sk_sandbox_x", randomBytes(32).toString("base64")),
    });
    const error = await clientForShop("POSTSCRIPT", foreign).catch((e: unknown) => e as IntegrationUnavailableError);
    expect(error).toMatchObject({
      reason: "unreadable",
      code: "CONFLICT",
      message: postscriptAdapter.messages.unreadable,
    });
  });

  it("never opens another provider's key of the same shop", async () => {
    const shopId = await shopWith("POSTSCRIPT", `sk_sandbox_${hex()}`);
    expect(await reason(clientForShop("KLAVIYO", shopId))).toBe("not_connected");
  });
});
