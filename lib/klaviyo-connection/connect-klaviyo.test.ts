import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { createMerchant, createShop, createSupportAgent } from "@/lib/testing/fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { connectKlaviyo } from "./connect-klaviyo";
import { disconnectKlaviyo } from "./disconnect-klaviyo";
import { getKlaviyoConnection } from "./get-klaviyo-connection";
import { connectKlaviyoSchema, klaviyoShopSchema, setKlaviyoEnabledSchema } from "./schemas";
import { setKlaviyoEnabled } from "./set-klaviyo-enabled";
import { verifyKlaviyoKey } from "./verify-klaviyo-key";

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

/** A sandbox Klaviyo private key of its own (each key is a separate sandbox account). */
const klaviyoKey = (kind = "") => `pk_sandbox_${kind}${randomBytes(8).toString("hex")}`;

async function setup() {
  const shop = await createShop();
  const merchant = await createMerchant(shop.id);
  const connect = (apiKey: string, user = merchant, shopId = shop.id) =>
    runShopAction(user, connectKlaviyoSchema, connectKlaviyo, { shopId, apiKey });
  const verify = () => runShopAction(merchant, klaviyoShopSchema, verifyKlaviyoKey, { shopId: shop.id });
  return { shop, merchant, connect, verify };
}

const row = (shopId: string) =>
  prisma.integration.findUnique({ where: { shopId_provider: { shopId, provider: "KLAVIYO" } } });

describe("connecting a Klaviyo key", () => {
  it("checks the key with Klaviyo, stores it encrypted and shows only its last 4", async () => {
    const { shop, connect } = await setup();
    const key = klaviyoKey();
    const result = await connect(`  ${key}  `);
    expect(result).toEqual({
      ok: true,
      data: { result: "connected", keyLast4: key.slice(-4), accountName: `Klaviyo sandbox store ${key.slice(-4)}` },
    });

    const stored = await row(shop.id);
    expect(stored!.encryptedKey).not.toContain(key);
    expect(decryptSecret(stored!.encryptedKey!)).toBe(key);
    expect(stored).toMatchObject({ keyLast4: key.slice(-4), verification: "VERIFIED", enabled: true, lastError: null });

    const view = await getKlaviyoConnection(shop.id);
    expect(view).toEqual({
      status: "connected",
      keyLast4: key.slice(-4),
      accountName: `Klaviyo sandbox store ${key.slice(-4)}`,
      lastVerifiedAt: expect.any(Date),
      lastError: null,
    });
    expect(JSON.stringify(view)).not.toContain(key);
    // Connecting sends no event: only strategies and settings that select Klaviyo do.
    expect(sandbox.state.klaviyo.events({ keyLast4: key.slice(-4) })).toEqual([]);
  });

  it("is not_configured for a shop that never connected", async () => {
    const { shop } = await setup();
    expect(await getKlaviyoConnection(shop.id)).toEqual({
      status: "not_configured",
      keyLast4: null,
      accountName: null,
      lastVerifiedAt: null,
      lastError: null,
    });
  });

  it("rejects a key Klaviyo refuses, stores nothing, and keeps a key that worked", async () => {
    const { shop, connect } = await setup();
    const bad = await connect("pk_live_0123456789abcdef0123456789abcd");
    expect(bad).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Klaviyo did not accept this key\./),
    });
    expect(await row(shop.id)).toBeNull();

    const good = klaviyoKey();
    await connect(good);
    const before = await row(shop.id);
    expect(await connect("pk_live_ffffffffffffffffffffffffffffffff")).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    const after = await row(shop.id);
    expect(after?.encryptedKey).toBe(before?.encryptedKey);
    expect(after).toMatchObject({ keyLast4: good.slice(-4), verification: "VERIFIED" });
    const audit = await prisma.auditLog.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual([
      "klaviyo.key_rejected",
      "klaviyo.connected",
      "klaviyo.key_rejected",
    ]);
    expect(JSON.stringify(audit)).not.toContain(good);
  });

  it("explains a key without scopes", async () => {
    const { shop, connect } = await setup();
    expect(await connect(klaviyoKey("noperm_"))).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/lacks the scopes/),
    });
    expect(await row(shop.id)).toBeNull();
  });

  it.each([
    ["an empty field", "   ", "Paste your Klaviyo Private API Key."],
    ["the public site id", "AbC123", /6-character site ID/],
    ["a Postscript key", "sk_sandbox_demo_key_0001", /Postscript key/],
    ["a key with a line break inside", "pk_0123456789\nabcdef", /spaces or line breaks/],
    ["something far too long", `pk_${"a".repeat(300)}`, /longer than any Klaviyo key/],
  ])("refuses %s before asking Klaviyo, with a specific message", async (_label, apiKey, message) => {
    const { shop, connect } = await setup();
    const accountsBefore = sandbox.state.klaviyo.snapshot().accounts.length;
    const result = await connect(apiKey);
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(result.ok ? "" : result.message).toMatch(message);
    expect(await row(shop.id)).toBeNull();
    expect(sandbox.state.klaviyo.snapshot().accounts.length).toBe(accountsBefore);
  });

  it("keeps the new key unverified with the reason when Klaviyo is down, and verifies it once Klaviyo is back", async () => {
    const { shop, connect, verify } = await setup();
    await connect(klaviyoKey());
    const key = klaviyoKey();
    sandbox.state.setFaults({ down: true });
    const result = await connect(key);
    expect(result).toMatchObject({
      ok: true,
      data: { result: "saved_unverified", keyLast4: key.slice(-4), reason: expect.stringMatching(/HTTP 503/) },
    });
    expect(await getKlaviyoConnection(shop.id)).toMatchObject({
      status: "unverified",
      keyLast4: key.slice(-4),
      accountName: null,
      lastVerifiedAt: null,
      lastError: expect.stringMatching(/503/),
    });
    expect(decryptSecret((await row(shop.id))!.encryptedKey!)).toBe(key);

    sandbox.state.setFaults({ down: false });
    expect(await verify()).toMatchObject({
      ok: true,
      data: { verification: "VERIFIED", message: `Connected to Klaviyo sandbox store ${key.slice(-4)}.` },
    });
    expect(await getKlaviyoConnection(shop.id)).toMatchObject({ status: "connected", lastError: null });
  });

  it("treats a slow Klaviyo as unreachable, not as a bad key", async () => {
    const { shop, connect } = await setup();
    sandbox.state.setFaults({ slowShare: 1, slowMs: 1_500 });
    expect(await connect(klaviyoKey())).toMatchObject({
      ok: true,
      data: { result: "saved_unverified", reason: expect.stringMatching(/did not answer/) },
    });
    expect((await row(shop.id))?.verification).toBe("UNVERIFIED");
  });
});

describe("verifying again", () => {
  it("marks a key Klaviyo stopped accepting as invalid, and keeps showing which key it was", async () => {
    const { shop, verify } = await setup();
    await prisma.integration.create({
      data: {
        provider: "KLAVIYO",
        shopId: shop.id,
        encryptedKey: encryptSecret("pk_live_revoked_0123456789abcdef"),
        keyLast4: "cdef",
        verification: "VERIFIED",
      },
    });
    expect(await verify()).toMatchObject({
      ok: true,
      data: { verification: "INVALID", message: expect.stringMatching(/no longer accepts/) },
    });
    expect(await getKlaviyoConnection(shop.id)).toMatchObject({
      status: "invalid",
      keyLast4: "cdef",
      lastError: expect.stringMatching(/no longer accepts/),
    });
  });

  it("changes nothing when Klaviyo is only rate limiting the check", async () => {
    const { shop, connect, verify } = await setup();
    await connect(klaviyoKey());
    sandbox.state.setFaults({ share429: 1 });
    expect(await verify()).toMatchObject({
      ok: true,
      data: {
        verification: "VERIFIED",
        message: expect.stringMatching(/busy \(rate limit\): nothing changed, try again in 1 s/),
      },
    });
    expect(await getKlaviyoConnection(shop.id)).toMatchObject({ status: "connected", lastError: null });
  });

  it("asks for a key when there is none", async () => {
    const { verify } = await setup();
    expect(await verify()).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/No Klaviyo key is saved/),
    });
  });
});

describe("enable, disable, disconnect", () => {
  it("disables and re-enables without touching the key, and disconnect deletes it; each step is audited", async () => {
    const { shop, merchant, connect } = await setup();
    await connect(klaviyoKey());
    const sealed = (await row(shop.id))?.encryptedKey;
    const setEnabled = (enabled: boolean) =>
      runShopAction(merchant, setKlaviyoEnabledSchema, setKlaviyoEnabled, { shopId: shop.id, enabled });

    expect(await setEnabled(false)).toEqual({ ok: true, data: { enabled: false } });
    expect((await getKlaviyoConnection(shop.id)).status).toBe("disabled");
    expect((await row(shop.id))?.encryptedKey).toBe(sealed);
    await setEnabled(true);
    expect((await getKlaviyoConnection(shop.id)).status).toBe("connected");

    expect(await runShopAction(merchant, klaviyoShopSchema, disconnectKlaviyo, { shopId: shop.id })).toEqual({
      ok: true,
      data: { disconnected: true },
    });
    expect(await row(shop.id)).toMatchObject({ encryptedKey: null, keyLast4: null, accountName: null });
    expect(await getKlaviyoConnection(shop.id)).toMatchObject({ status: "not_configured", keyLast4: null });
    expect(await runShopAction(merchant, klaviyoShopSchema, disconnectKlaviyo, { shopId: shop.id })).toEqual({
      ok: true,
      data: { disconnected: false },
    });
    expect(await setEnabled(false)).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Connect a Klaviyo Private API Key/),
    });

    const audit = await prisma.auditLog.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual([
      "klaviyo.connected",
      "klaviyo.disabled",
      "klaviyo.enabled",
      "klaviyo.disconnected",
    ]);
  });
});

describe("who may change a shop's Klaviyo connection", () => {
  it("answers 404 for another shop's id and changes nothing there", async () => {
    const { merchant } = await setup();
    const other = await setup();
    await other.connect(klaviyoKey());
    const before = await row(other.shop.id);
    expect(
      await runShopAction(merchant, connectKlaviyoSchema, connectKlaviyo, {
        shopId: other.shop.id,
        apiKey: klaviyoKey(),
      }),
    ).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "Shop not found.",
    });
    expect(
      await runShopAction(merchant, klaviyoShopSchema, disconnectKlaviyo, { shopId: other.shop.id }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await runShopAction(merchant, setKlaviyoEnabledSchema, setKlaviyoEnabled, {
        shopId: other.shop.id,
        enabled: false,
      }),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await row(other.shop.id)).toEqual(before);
  });

  it("lets a support agent look but not write", async () => {
    const { shop, connect } = await setup();
    await connect(klaviyoKey());
    const before = await row(shop.id);
    const agent = await createSupportAgent();
    for (const result of [
      await runShopAction(agent, connectKlaviyoSchema, connectKlaviyo, { shopId: shop.id, apiKey: klaviyoKey() }),
      await runShopAction(agent, klaviyoShopSchema, verifyKlaviyoKey, { shopId: shop.id }),
      await runShopAction(agent, setKlaviyoEnabledSchema, setKlaviyoEnabled, { shopId: shop.id, enabled: false }),
      await runShopAction(agent, klaviyoShopSchema, disconnectKlaviyo, { shopId: shop.id }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/read-only/) });
    }
    expect(await row(shop.id)).toEqual(before);
  });

  it("refuses everything without a session", async () => {
    const { shop } = await setup();
    expect(await runShopAction(null, klaviyoShopSchema, disconnectKlaviyo, { shopId: shop.id })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
  });
});
