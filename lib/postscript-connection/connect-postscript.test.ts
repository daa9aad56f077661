import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent, sandboxKey } from "@/lib/testing/fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { connectPostscript } from "./connect-postscript";
import { disconnectPostscript } from "./disconnect-postscript";
import { getPostscriptConnection } from "./get-postscript-connection";
import { connectPostscriptSchema, setPostscriptEnabledSchema, shopOnlySchema } from "./schemas";
import { setPostscriptEnabled } from "./set-postscript-enabled";
import { verifyPostscriptKey } from "./verify-postscript-key";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 500 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.state.setFaults({ down: false, share429: 0, share500: 0, slowShare: 0, slowMs: 0 });
});

async function setup() {
  const shop = await createShop();
  const merchant = await createMerchant(shop.id);
  const connect = (apiKey: string, user = merchant, shopId = shop.id) =>
    runShopAction(user, connectPostscriptSchema, connectPostscript, { shopId, apiKey });
  return { shop, merchant, connect };
}

const row = (shopId: string) =>
  prisma.integration.findUnique({ where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } } });
const connectedEvents = (key: string) =>
  sandbox.state.inbox({ keyLast4: key.slice(-4), type: "integration_connected" });

describe("connecting a Postscript key", () => {
  it("stores a valid key encrypted, shows only its last 4 and reports Connected", async () => {
    const { shop, connect } = await setup();
    const key = sandboxKey();
    const result = await connect(key);
    expect(result).toMatchObject({ ok: true, data: { result: "connected", keyLast4: key.slice(-4) } });

    const stored = await row(shop.id);
    expect(stored?.encryptedKey).toBeTruthy();
    expect(stored!.encryptedKey).not.toContain(key);
    expect(decryptSecret(stored!.encryptedKey!)).toBe(key);
    expect(stored).toMatchObject({ keyLast4: key.slice(-4), verification: "VERIFIED", lastError: null });

    const view = await getPostscriptConnection(shop.id);
    expect(view.banner.title).toBe("Connected");
    expect(JSON.stringify(view)).not.toContain(key);
  });

  it("sends Integration Connected exactly once, on the first successful connect", async () => {
    const { shop, merchant, connect } = await setup();
    const key = sandboxKey();
    await connect(key);
    await connect(key);
    await runShopAction(merchant, shopOnlySchema, verifyPostscriptKey, { shopId: shop.id });
    const events = connectedEvents(key);
    expect(events).toHaveLength(1);
    expect(events[0]!.properties).toMatchObject({ shop_name: shop.name, shop_domain: shop.domain });
    const ledger = await prisma.delivery.findMany({ where: { shopId: shop.id, eventType: "integration_connected" } });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: "DELIVERED", attempts: 1 });
    expect((await row(shop.id))?.firstConnectedAt).toBeInstanceOf(Date);
  });

  it("rejects a key Postscript refuses, stores nothing and keeps a key that worked", async () => {
    const { shop, connect } = await setup();
    const bad = await connect("sk_live_not_a_real_key_1234");
    expect(bad).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(bad.ok ? "" : bad.message).toMatch(/^Invalid Postscript API key/);
    expect(await row(shop.id)).toBeNull();

    const good = sandboxKey();
    await connect(good);
    const before = await row(shop.id);
    await connect("sk_live_not_a_real_key_5678");
    const after = await row(shop.id);
    expect(after?.encryptedKey).toBe(before?.encryptedKey);
    expect(after).toMatchObject({ keyLast4: good.slice(-4), verification: "VERIFIED" });
  });

  it("explains a public key, a key without permission and an empty field", async () => {
    const { shop, connect } = await setup();
    expect(await connect("pk_1234567890abcdef")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/public key/),
    });
    expect(await connect("   ")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Paste your Postscript Private API Key.",
    });
    expect(await connect(sandboxKey("noperm_"))).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/lacks API access/),
    });
    expect(await row(shop.id)).toBeNull();
  });

  it("keeps the key unverified when Postscript is down, and verifies it once Postscript is back", async () => {
    const { shop, merchant, connect } = await setup();
    const key = sandboxKey();
    sandbox.state.setFaults({ down: true });
    const result = await connect(key);
    expect(result).toMatchObject({ ok: true, data: { result: "saved_unverified", keyLast4: key.slice(-4) } });
    const view = await getPostscriptConnection(shop.id);
    expect(view.banner.title).toBe("Integration not complete");
    expect(view.banner.detail).toMatch(/API key saved but connection could not be verified/);
    expect(connectedEvents(key)).toHaveLength(0);
    expect(await row(shop.id)).toMatchObject({
      keyLast4: key.slice(-4),
      lastVerifiedAt: null,
      lastError: expect.stringMatching(/503/),
    });

    sandbox.state.setFaults({ down: false });
    const verified = await runShopAction(merchant, shopOnlySchema, verifyPostscriptKey, { shopId: shop.id });
    expect(verified).toMatchObject({ ok: true, data: { verification: "VERIFIED" } });
    expect((await getPostscriptConnection(shop.id)).banner.title).toBe("Connected");
    expect(connectedEvents(key)).toHaveLength(1);
  });

  it("treats a slow Postscript as unreachable, not as a bad key", async () => {
    const { shop, connect } = await setup();
    sandbox.state.setFaults({ slowShare: 1, slowMs: 1_500 });
    const result = await connect(sandboxKey());
    expect(result).toMatchObject({ ok: true, data: { result: "saved_unverified" } });
    expect((await row(shop.id))?.verification).toBe("UNVERIFIED");
  });

  it("marks a key Postscript stops accepting as invalid on re-verification", async () => {
    const { shop, merchant } = await setup();
    // A key that was accepted once, then revoked in Postscript: stored directly as the app would have it.
    const { encryptSecret } = await import("@/lib/crypto/secret-box");
    await prisma.integration.create({
      data: {
        provider: "POSTSCRIPT",
        shopId: shop.id,
        encryptedKey: encryptSecret("sk_live_revoked_key_9999"),
        keyLast4: "9999",
        verification: "VERIFIED",
      },
    });
    const result = await runShopAction(merchant, shopOnlySchema, verifyPostscriptKey, { shopId: shop.id });
    expect(result).toMatchObject({ ok: true, data: { verification: "INVALID" } });
    const view = await getPostscriptConnection(shop.id);
    expect(view.banner.title).toBe("Integration not complete");
    expect(view.keyLast4).toBe("9999");
  });

  it("disables and re-enables without touching the key, and disconnect deletes it", async () => {
    const { shop, merchant, connect } = await setup();
    await connect(sandboxKey());
    const sealed = (await row(shop.id))?.encryptedKey;

    expect(
      await runShopAction(merchant, setPostscriptEnabledSchema, setPostscriptEnabled, {
        shopId: shop.id,
        enabled: false,
      }),
    ).toMatchObject({ ok: true });
    expect((await getPostscriptConnection(shop.id)).banner.title).toBe("Integration disabled");
    expect((await row(shop.id))?.encryptedKey).toBe(sealed);

    await runShopAction(merchant, setPostscriptEnabledSchema, setPostscriptEnabled, { shopId: shop.id, enabled: true });
    expect((await getPostscriptConnection(shop.id)).banner.title).toBe("Connected");

    expect(await runShopAction(merchant, shopOnlySchema, disconnectPostscript, { shopId: shop.id })).toMatchObject({
      ok: true,
      data: { disconnected: true },
    });
    expect(await row(shop.id)).toMatchObject({ encryptedKey: null, keyLast4: null });
    expect((await getPostscriptConnection(shop.id)).banner.title).toBe("API key not configured");
    const audit = await prisma.auditLog.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "postscript.connected",
      "postscript.disabled",
      "postscript.enabled",
      "postscript.disconnected",
    ]);
  });
});

describe("who may change a shop's connection", () => {
  it("answers 404 for another shop's id and changes nothing there", async () => {
    const { merchant } = await setup();
    const other = await setup();
    await other.connect(sandboxKey());
    const before = await row(other.shop.id);

    expect(
      await runShopAction(merchant, connectPostscriptSchema, connectPostscript, {
        shopId: other.shop.id,
        apiKey: sandboxKey(),
      }),
    ).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "Shop not found.",
    });
    expect(
      await runShopAction(merchant, shopOnlySchema, disconnectPostscript, { shopId: other.shop.id }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await runShopAction(merchant, setPostscriptEnabledSchema, setPostscriptEnabled, {
        shopId: other.shop.id,
        enabled: false,
      }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await runShopAction(merchant, shopOnlySchema, disconnectPostscript, { shopId: "no-such-shop" }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await row(other.shop.id)).toEqual(before);
  });

  it("lets a support agent look but not write", async () => {
    const { shop } = await setup();
    const agent = await createSupportAgent();
    expect(
      await runShopAction(agent, connectPostscriptSchema, connectPostscript, { shopId: shop.id, apiKey: sandboxKey() }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await row(shop.id)).toBeNull();
  });

  it("refuses everything without a session", async () => {
    const { shop } = await setup();
    expect(await runShopAction(null, shopOnlySchema, disconnectPostscript, { shopId: shop.id })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
  });

  it("refuses malformed input with a specific message", async () => {
    const { shop, merchant } = await setup();
    expect(
      await runShopAction(merchant, setPostscriptEnabledSchema, setPostscriptEnabled, {
        shopId: shop.id,
        enabled: "yes",
      }),
    ).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Choose enabled or disabled.",
    });
    expect(
      await runShopAction(merchant, connectPostscriptSchema, connectPostscript, {
        shopId: shop.id,
        apiKey: "sk_" + "x".repeat(300),
      }),
    ).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/longer than any Postscript key/),
    });
  });
});
