import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { deliverDue } from "@/lib/deliveries/deliver-due";
import { drainShopDeliveries } from "@/lib/deliveries/drain-shop-deliveries";
import { addDelivery, diagnostic, storeKey } from "@/lib/diagnostics/diagnostics-test-fixtures";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { connectPostscriptSchema } from "@/lib/postscript-connection/schemas";
import { createEngineShop } from "@/lib/restock/restock-test-fixtures";
import { createMerchant, createShop, sandboxKey } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { checkIntegrationKey } from "./check-integration-key";
import { fanOutKeyCheckOptions, verifyBeforeFanOut } from "./verify-before-fan-out";
import { findKeysToCheck } from "./find-keys-to-check";

const sandbox = sandboxPerFile({ timeoutMs: 1_000, faults: "clear" });

const integration = (shopId: string) =>
  prisma.integration.findUniqueOrThrow({ where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } } });
const systemAudit = (shopId: string) =>
  prisma.auditLog.findMany({ where: { shopId, actorType: "SYSTEM" }, orderBy: { createdAt: "asc" } });

/** A connected shop with `count` alerts waiting to be sent. */
async function shopWithQueue(count: number) {
  const shop = await createEngineShop({ reminderEnabled: false });
  for (let i = 0; i < count; i++)
    await addDelivery(shop.shopId, {
      status: "PENDING",
      recipientPhone: `+1415555031${i}`,
      idempotencyKey: `${shop.shopId}:held:${i}`,
    });
  return shop;
}

describe("a key that stops working", () => {
  it("flips the banner to “could not be verified”, pauses sending without losing anything, tells the merchant, and resumes with a working key", async () => {
    const shop = await shopWithQueue(3);
    const merchant = await createMerchant(shop.shopId);
    await storeKey(shop.shopId, "sk_live_revoked_key_4242");

    expect(await checkIntegrationKey("POSTSCRIPT", shop.shopId, "daily")).toMatchObject({
      status: "invalid",
      stoppedWorking: true,
    });
    expect(await integration(shop.shopId)).toMatchObject({
      verification: "INVALID",
      keyLast4: "4242",
      lastError: expect.stringMatching(/could not be verified/),
    });
    const view = await getPostscriptConnection(shop.shopId);
    expect(view.banner).toMatchObject({
      title: "Integration not complete",
      detail: expect.stringMatching(/^API key saved but connection could not be verified/),
    });
    expect((await diagnostic(shop.shopId, "key-invalid")).detail).toMatch(/3 events are held/);
    const [entry] = await systemAudit(shop.shopId);
    expect(entry).toMatchObject({
      action: "key_health.stopped_working",
      metadata: { trigger: "daily", keyLast4: "4242", previous: "VERIFIED" },
    });
    expect(JSON.stringify(entry)).not.toContain("revoked_key");

    // Sending is paused: nothing goes out, nothing is lost.
    const paused = await deliverDue(shop.shopId, { maxDurationMs: 500 });
    expect(paused).toMatchObject({ sent: 0, failed: 0, paused: expect.stringMatching(/not verified/) });
    expect(await prisma.delivery.count({ where: { shopId: shop.shopId, status: "PENDING" } })).toBe(3);

    // Checked again the next day: still refused, no second audit entry.
    expect(await checkIntegrationKey("POSTSCRIPT", shop.shopId, "daily")).toMatchObject({
      status: "invalid",
      stoppedWorking: false,
    });
    expect(await systemAudit(shop.shopId)).toHaveLength(1);

    // A working key is saved: the held deliveries go out, each once.
    const key = sandboxKey();
    await runShopAction(merchant, connectPostscriptSchema, connectPostscript, { shopId: shop.shopId, apiKey: key });
    await drainShopDeliveries(shop.shopId);
    expect(
      await prisma.delivery.count({
        where: { shopId: shop.shopId, status: "DELIVERED", eventType: "back_in_stock_sms_alert" },
      }),
    ).toBe(3);
    expect(sandbox.state.inbox({ keyLast4: key.slice(-4), type: "back_in_stock_sms_alert" })).toHaveLength(3);
    expect((await diagnostic(shop.shopId, "key-invalid")).status).toBe("ok");
  });

  it("leaves a working key alone when Postscript is down", async () => {
    const shop = await createEngineShop();
    sandbox.state.setFaults({ down: true });
    expect(await checkIntegrationKey("POSTSCRIPT", shop.shopId, "daily")).toMatchObject({ status: "unreachable" });
    expect(await integration(shop.shopId)).toMatchObject({ verification: "VERIFIED", lastError: null });
    expect(await systemAudit(shop.shopId)).toHaveLength(0);
  });

  it("skips shops without a key", async () => {
    const shop = await createShop();
    expect(await checkIntegrationKey("POSTSCRIPT", shop.id, "daily")).toEqual({
      shopId: shop.id,
      status: "skipped",
      reason: "no_key",
    });
  });
});

describe("the daily check", () => {
  // The job (inngest/functions/verify-keys-daily.ts) asks for keys not checked in its last 12 hours.
  it("picks saved keys never checked or checked before the cut-off, oldest first, and leaves the others alone", async () => {
    const now = Date.now();
    const checkedAt = async (hoursAgo: number | null) => {
      const shop = await createEngineShop();
      await prisma.integration.update({
        where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
        data: { lastCheckedAt: hoursAgo === null ? null : new Date(now - hoursAgo * 60 * 60_000) },
      });
      return shop.shopId;
    };
    const recent = await checkedAt(1);
    const old = await checkedAt(13);
    const older = await checkedAt(30);
    const never = await checkedAt(null);
    const noKey = (await createShop()).id;
    const uninstalled = await checkedAt(null);
    await prisma.shop.update({ where: { id: uninstalled }, data: { uninstalledAt: new Date() } });

    const due = await findKeysToCheck("POSTSCRIPT", new Date(now - 12 * 60 * 60_000), {
      shopIds: [recent, old, older, never, noKey, uninstalled],
    });
    expect(due).toEqual([never, older, old]);
    expect(await findKeysToCheck("KLAVIYO", new Date(now), { shopIds: [recent, never] })).toEqual([]);
  });

  it("re-verifies Klaviyo keys too", async () => {
    const shop = await createShop();
    const seal = (key: string) => ({
      encryptedKey: encryptSecret(key),
      keyLast4: key.slice(-4),
      verification: "VERIFIED" as const,
    });
    await prisma.integration.create({
      data: { provider: "KLAVIYO", shopId: shop.id, ...seal("pk_sandbox_klaviyo_ok_1234") },
    });
    expect(await checkIntegrationKey("KLAVIYO", shop.id, "daily")).toMatchObject({
      status: "verified",
      restored: false,
    });

    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "KLAVIYO" } },
      data: seal("pk_live_revoked_5678"),
    });
    expect(await checkIntegrationKey("KLAVIYO", shop.id, "daily")).toMatchObject({
      status: "invalid",
      stoppedWorking: true,
    });
    expect(
      await prisma.integration.findUniqueOrThrow({
        where: { shopId_provider: { shopId: shop.id, provider: "KLAVIYO" } },
      }),
    ).toMatchObject({ verification: "INVALID", lastError: expect.stringMatching(/could not be verified/) });
    expect((await systemAudit(shop.id)).map((a) => a.action)).toEqual(["key_health.klaviyo_stopped_working"]);
  });
});

describe("before a large fan-out", () => {
  it("re-verifies only for large sends through Postscript with a key not verified in the last minutes", async () => {
    const shop = await createEngineShop();
    expect(await verifyBeforeFanOut(shop.shopId, fanOutKeyCheckOptions.largeFanOut - 1)).toEqual({
      checked: false,
      reason: "small",
    });
    expect(await verifyBeforeFanOut(shop.shopId, fanOutKeyCheckOptions.largeFanOut)).toEqual({
      checked: false,
      reason: "recently_verified",
    });

    await storeKey(shop.shopId, "sk_live_revoked_key_3131");
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } },
      data: { lastVerifiedAt: new Date(Date.now() - 60 * 60_000) },
    });
    expect(await verifyBeforeFanOut(shop.shopId, 10_000)).toMatchObject({
      checked: true,
      result: { status: "invalid", stoppedWorking: true },
    });
    expect((await systemAudit(shop.shopId))[0]).toMatchObject({ metadata: { trigger: "before_fan_out" } });

    const klaviyoShop = await createEngineShop({ provider: "KLAVIYO" });
    expect(await verifyBeforeFanOut(klaviyoShop.shopId, 10_000)).toEqual({ checked: false, reason: "not_postscript" });
  });
});
