import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/jobs/job-events";
import { prisma } from "@/lib/db/prisma";
import { addDelivery, chooseFirstKeyword, storeKey } from "@/lib/diagnostics/diagnostics-test-fixtures";
import { createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { createWaitlistEntry } from "@/lib/testing/catalog-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { KEYS_PER_STEP, verifyKeysDaily } from "./verify-keys-daily";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

// The find steps are mocked with this file's shops: the test database is shared with other test files.
function engineFor(postscript: string[], klaviyo: string[] = []) {
  return new InngestTestEngine({
    function: toInngestFunction(verifyKeysDaily),
    steps: [
      { id: "find-postscript-keys", handler: () => postscript },
      { id: "find-klaviyo-keys", handler: () => klaviyo },
      // No Inngest server in tests: the event hand-off is checked through the mock's calls.
      { id: "wake-restored-shops", handler: () => ({ ids: [] }) },
    ],
  });
}

describe("verify-keys-daily (Inngest)", () => {
  it("flips a refused key to invalid, restores one that works again and wakes its sender", async () => {
    const revoked = await createEngineShop();
    await storeKey(revoked.shopId, "sk_live_revoked_key_8080");
    await addDelivery(revoked.shopId, { status: "PENDING" });
    const restored = await createEngineShop();
    await storeKey(restored.shopId, restored.apiKey, "UNVERIFIED");

    const { result, ctx } = await engineFor([revoked.shopId, restored.shopId]).execute();
    expect(result).toMatchObject({
      POSTSCRIPT: {
        checked: 2,
        verified: 1,
        invalid: 1,
        restoredShopIds: [restored.shopId],
        stoppedShopIds: [revoked.shopId],
      },
      KLAVIYO: { checked: 0 },
    });
    expect(ctx.step.run).toHaveBeenCalledWith("verify-postscript-batch-1", expect.any(Function));
    expect(ctx.step.run).toHaveBeenCalledWith("retry-restored-syncs", expect.any(Function));
    const sent = (
      ctx.step.sendEvent as unknown as { mock: { calls: [string, { name: string; data: { shopId: string } }[]][] } }
    ).mock.calls;
    expect(sent).toEqual([
      ["wake-restored-shops", [{ name: EVENTS.deliveriesQueued.name, data: { shopId: restored.shopId } }]],
    ]);

    expect(
      await prisma.integration.findUniqueOrThrow({
        where: { shopId_provider: { shopId: revoked.shopId, provider: "POSTSCRIPT" } },
      }),
    ).toMatchObject({ verification: "INVALID" });
    expect(
      await prisma.integration.findUniqueOrThrow({
        where: { shopId_provider: { shopId: restored.shopId, provider: "POSTSCRIPT" } },
      }),
    ).toMatchObject({ verification: "VERIFIED" });
    // Held, not lost.
    expect(await prisma.delivery.count({ where: { shopId: revoked.shopId, status: "PENDING" } })).toBe(1);
  });

  it("re-adds signups whose Postscript sync failed while the key was refused, and records the restore", async () => {
    const shop = await createEngineShop();
    await storeKey(shop.shopId, shop.apiKey, "UNVERIFIED");
    await chooseFirstKeyword(shop.shopId, shop.apiKey);
    const variant = await createEngineVariant(shop.shopId);
    const entry = await createWaitlistEntry(shop.shopId, variant.id, { phone: "+14155550321" });
    await prisma.waitlistEntry.update({
      where: { id: entry.id },
      data: { postscriptSync: "FAILED", postscriptSyncError: "Your Postscript key is not verified" },
    });

    const { result } = await engineFor([shop.shopId]).execute();
    expect(result).toMatchObject({ POSTSCRIPT: { checked: 1, verified: 1, restoredShopIds: [shop.shopId] } });
    expect(await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      postscriptSync: "SYNCED",
    });
    const audit = await prisma.auditLog.findMany({ where: { shopId: shop.shopId, actorType: "SYSTEM" } });
    expect(audit.map((a) => a.action)).toEqual(["key_health.restored"]);
  });

  it("checks in batches of fixed-id steps and sends nothing when no key came back", async () => {
    const shops = await Promise.all(Array.from({ length: 3 }, () => createEngineShop()));
    const ids = shops.map((s) => s.shopId);
    const many = [...ids, ...Array.from({ length: KEYS_PER_STEP }, (_, i) => `missing-shop-${i}`)];
    const { result, ctx } = await engineFor(many).execute();
    expect(result).toMatchObject({
      POSTSCRIPT: { checked: many.length, verified: 3, skipped: KEYS_PER_STEP, restoredShopIds: [] },
    });
    expect(ctx.step.run).toHaveBeenCalledWith("verify-postscript-batch-2", expect.any(Function));
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });

  it("runs daily on a cron, one run at a time", () => {
    expect((toInngestFunction(verifyKeysDaily) as unknown as { opts: unknown }).opts as unknown).toMatchObject({
      id: "verify-keys-daily",
      triggers: [{ cron: "TZ=UTC 0 6 * * *" }],
      retries: 3,
      concurrency: 1,
    });
  });
});
