import { describe, expect, it, vi } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";
import { limiterKey } from "@/lib/deliveries/send-slot-limiter";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { connectPostscriptSchema } from "@/lib/postscript-connection/schemas";
import { saveKeyword } from "@/lib/setup/save-keyword";
import { saveKeywordSchema } from "@/lib/setup/keyword-schemas";
import { setSmsProviderSchema } from "@/lib/sms-settings/schemas";
import { setSmsProvider } from "@/lib/sms-settings/set-sms-provider";
import { createMerchant, createShop, sandboxKey } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { retryPendingSubscriberSyncs } from "./retry-pending-subscriber-syncs";
import { createCatalogVariant, postSignup, randomPhone } from "./storefront-test-helpers";
import { MAX_SUBSCRIBER_SYNC_ATTEMPTS, NO_KEYWORD_MESSAGE, syncSubscriber } from "./sync-subscriber";

const sandbox = sandboxPerFile({ timeoutMs: 500, faults: "clear" });

/** A paid shop with a verified sandbox key, the RESTOCK keyword chosen and Postscript as the SMS provider. */
async function setup({ keyword = true, provider = "POSTSCRIPT" as "POSTSCRIPT" | "BUILT_IN" | "KLAVIYO" } = {}) {
  const shop = await createShop({ plan: "PAID" });
  const merchant = await createMerchant(shop.id);
  const key = sandboxKey();
  expect(
    await runShopAction(merchant, connectPostscriptSchema, connectPostscript, { shopId: shop.id, apiKey: key }),
  ).toMatchObject({ ok: true });
  const restock = sandbox.state.account(key)!.keywords.find((k) => k.keyword === "RESTOCK")!;
  const chooseKeyword = () =>
    runShopAction(merchant, saveKeywordSchema, saveKeyword, { shopId: shop.id, keywordId: restock.id });
  if (keyword) expect(await chooseKeyword()).toMatchObject({ ok: true });
  expect(
    await runShopAction(merchant, setSmsProviderSchema, setSmsProvider, { shopId: shop.id, provider }),
  ).toMatchObject({ ok: true });
  const variant = await createCatalogVariant(shop.id, { title: "Trail Runner", variantTitle: "Blue / 9" });
  return { shop, merchant, key, restock, variant, chooseKeyword };
}

const entryOf = (shopId: string) => prisma.waitlistEntry.findFirstOrThrow({ where: { shopId } });
const subscribersOf = (key: string) => sandbox.state.account(key)?.subscribers ?? [];

/** The signup's sync runs in-process after the response (INNGEST_DEV=1, no dev server): wait for it to land. */
async function settled(shopId: string, attempts = 1) {
  return vi.waitFor(
    async () => {
      const entry = await entryOf(shopId);
      if (entry.postscriptSync === "PENDING" && entry.postscriptSyncAttempts < attempts)
        throw new Error("still syncing");
      return entry;
    },
    { timeout: 5_000, interval: 25 },
  );
}

describe("syncing a waitlist signup to Postscript", () => {
  it("subscribes the customer with the chosen keyword, origin website, tags and properties", async () => {
    const { shop, key, restock, variant } = await setup();
    const phone = randomPhone();
    const res = await postSignup(shop.domain, {
      variantId: variant.shopifyVariantId,
      phone: phone.typed,
      email: "Ana@Example.com",
      name: "Ana <b>Lima</b>",
    });
    expect(res).toMatchObject({
      status: 201,
      body: { status: "joined", message: expect.stringMatching(/reply Y\.$/) },
    });

    const entry = await settled(shop.id);
    const [subscriber] = subscribersOf(key);
    expect(subscriber).toMatchObject({
      phoneNumber: phone.e164,
      email: "ana@example.com",
      keywordId: restock.id,
      origin: "website",
      tags: ["signalboard", "back-in-stock"],
      // Postscript runs the double opt-in: the customer still has to reply Y.
      optInState: "pending",
      properties: {
        back_in_stock_product: "Trail Runner",
        back_in_stock_variant: "Blue / 9",
        back_in_stock_variant_id: variant.shopifyVariantId,
        back_in_stock_signed_up_at: entry.createdAt.toISOString(),
        customer_name: "Ana <b>Lima</b>",
      },
    });
    expect(entry).toMatchObject({
      postscriptSync: "SYNCED",
      postscriptSubscriberId: subscriber!.id,
      postscriptSyncError: null,
      postscriptSyncAttempts: 1,
    });
    // Its requests took slots from the key's shared limiter, the one restock deliveries pace themselves with.
    expect(await prisma.sendBudget.findUnique({ where: { key: limiterKey("postscript", key) } })).not.toBeNull();
  });

  it("updates the existing subscriber when the customer joins another waitlist, without a second opt-in", async () => {
    const { shop, key, variant } = await setup();
    const other = await createCatalogVariant(shop.id, { title: "Rain Shell", variantTitle: "M" });
    const phone = randomPhone();
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: phone.typed });
    await settled(shop.id);
    sandbox.state.optIn(key, phone.e164);
    await postSignup(shop.domain, { variantId: other.shopifyVariantId, phone: phone.typed, email: "new@example.com" });
    await vi.waitFor(async () => {
      const synced = await prisma.waitlistEntry.count({ where: { shopId: shop.id, postscriptSync: "SYNCED" } });
      expect(synced).toBe(2);
    });
    expect(subscribersOf(key)).toMatchObject([
      {
        phoneNumber: phone.e164,
        email: "new@example.com",
        optInState: "opted_in",
        properties: { back_in_stock_product: "Rain Shell" },
      },
    ]);
  });

  it("does not sync again when the same customer re-joins with the same details, and does when they change", async () => {
    const { shop, key, variant } = await setup();
    const phone = randomPhone();
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: phone.typed, name: "Ana" });
    await settled(shop.id);
    const again = await postSignup(shop.domain, {
      variantId: variant.shopifyVariantId,
      phone: phone.typed,
      name: "Ana",
    });
    expect(again.body).toEqual({ status: "already_waiting", message: "You're already on the waitlist for this item." });
    expect(await entryOf(shop.id)).toMatchObject({ postscriptSync: "SYNCED", postscriptSyncAttempts: 1 });

    await postSignup(shop.domain, {
      variantId: variant.shopifyVariantId,
      phone: phone.typed,
      email: "ana@example.com",
    });
    await vi.waitFor(async () => expect(subscribersOf(key)[0]?.email).toBe("ana@example.com"));
    expect(await settled(shop.id)).toMatchObject({ postscriptSync: "SYNCED" });
  });

  it("keeps the signup PENDING with the error and attempts while Postscript is down, then the retry syncs it", async () => {
    const { shop, key, variant } = await setup();
    sandbox.state.setFaults({ down: true });
    const phone = randomPhone();
    const res = await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: phone.typed });
    // The signup itself succeeds: it is saved before any Postscript call.
    expect(res.status).toBe(201);

    const pending = await settled(shop.id);
    expect(pending).toMatchObject({
      status: "WAITING",
      postscriptSync: "PENDING",
      postscriptSyncAttempts: 1,
      postscriptSyncError: expect.stringMatching(/Postscript had a server problem \(HTTP 503\)/),
    });
    expect(subscribersOf(key)).toEqual([]);

    // Still down: the sweeper records another attempt and keeps it pending.
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0 })).toEqual({
      attempted: 1,
      synced: 0,
      pending: 1,
      failed: 0,
      notNeeded: 0,
    });
    expect(await entryOf(shop.id)).toMatchObject({ postscriptSync: "PENDING", postscriptSyncAttempts: 2 });

    sandbox.state.setFaults({ down: false });
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0 })).toEqual({
      attempted: 1,
      synced: 1,
      pending: 0,
      failed: 0,
      notNeeded: 0,
    });
    expect(await entryOf(shop.id)).toMatchObject({
      postscriptSync: "SYNCED",
      postscriptSyncAttempts: 3,
      postscriptSyncError: null,
    });
    expect(subscribersOf(key)).toMatchObject([{ phoneNumber: phone.e164 }]);
  });

  it("sends the alert held for a signup's sync once the sync ends (the sync wakes the shop's queue)", async () => {
    const { shop, key, variant } = await setup();
    sandbox.state.setFaults({ down: true });
    const phone = randomPhone();
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: phone.typed });
    const entry = await settled(shop.id);
    expect(entry.postscriptSync).toBe("PENDING");
    // A restock planned its alert meanwhile: held (PENDING) until Postscript knows the subscriber.
    const alert = await prisma.delivery.create({
      data: {
        shopId: shop.id,
        provider: "POSTSCRIPT",
        eventType: BACK_IN_STOCK_ALERT,
        idempotencyKey: `held-${entry.id}`,
        recipientPhone: phone.e164,
        waitlistEntryId: entry.id,
        properties: { back_in_stock_product: "Trail Runner" },
        nextAttemptAt: new Date(),
      },
    });

    sandbox.state.setFaults({ down: false });
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0 })).toMatchObject({ synced: 1 });
    await vi.waitFor(
      async () =>
        expect(await prisma.delivery.findUnique({ where: { id: alert.id } })).toMatchObject({ status: "DELIVERED" }),
      { timeout: 10_000, interval: 50 },
    );
    expect(sandbox.state.inbox({ keyLast4: key.slice(-4), type: BACK_IN_STOCK_ALERT })).toMatchObject([
      { phone: phone.e164 },
    ]);
  });

  it("leaves recently touched entries to their own retries, and pauses a shop Postscript keeps failing", async () => {
    const { shop, variant } = await setup();
    const second = await createCatalogVariant(shop.id);
    sandbox.state.setFaults({ down: true });
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    await postSignup(shop.domain, { variantId: second.shopifyVariantId, phone: randomPhone().typed });
    await vi.waitFor(async () =>
      expect(await prisma.waitlistEntry.count({ where: { shopId: shop.id, postscriptSyncAttempts: 1 } })).toBe(2),
    );
    expect(await retryPendingSubscriberSyncs(shop.id)).toMatchObject({ attempted: 0 });
    // One failure pauses the rest of that shop until the next sweep.
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0 })).toMatchObject({ attempted: 1, pending: 1 });
  });

  it("backs off on a 429 and carries on with the same shop, where an outage stops it", async () => {
    const { shop, variant } = await setup();
    const second = await createCatalogVariant(shop.id);
    sandbox.state.setFaults({ down: true });
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    await postSignup(shop.domain, { variantId: second.shopifyVariantId, phone: randomPhone().typed });
    await vi.waitFor(async () =>
      expect(await prisma.waitlistEntry.count({ where: { shopId: shop.id, postscriptSyncAttempts: 1 } })).toBe(2),
    );
    sandbox.state.setFaults({ down: false, share429: 1 });
    // Both entries are tried: the first 429 backs off instead of skipping the shop's other entries.
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0, rateLimitBackoffMs: 50 })).toMatchObject({
      attempted: 2,
      pending: 2,
    });
    sandbox.state.setFaults({ share429: 0 });
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0 })).toMatchObject({ attempted: 2, synced: 2 });
  });

  it("marks the sync FAILED after the last attempt instead of retrying forever", async () => {
    const { shop, variant } = await setup();
    sandbox.state.setFaults({ down: true });
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    const entry = await settled(shop.id);
    await prisma.waitlistEntry.update({
      where: { id: entry.id },
      data: { postscriptSyncAttempts: MAX_SUBSCRIBER_SYNC_ATTEMPTS - 1 },
    });
    expect(await syncSubscriber(entry.id)).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/could not be reached after 10 attempts\. Last error: .*HTTP 503/),
    });
    expect(await entryOf(shop.id)).toMatchObject({
      status: "WAITING",
      postscriptSync: "FAILED",
      postscriptSyncAttempts: 10,
    });
  });

  it("fails with a message to choose a keyword when none is chosen, and syncs once one is", async () => {
    const { shop, key, variant, chooseKeyword } = await setup({ keyword: false });
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    const failed = await vi.waitFor(async () => {
      const entry = await entryOf(shop.id);
      expect(entry.postscriptSync).toBe("FAILED");
      return entry;
    });
    expect(failed).toMatchObject({ status: "WAITING", postscriptSyncError: NO_KEYWORD_MESSAGE });
    expect(NO_KEYWORD_MESSAGE).toMatch(/^Choose a keyword in Postscript setup step 3/);
    expect(subscribersOf(key)).toEqual([]);

    // A periodic sweep leaves FAILED entries alone; after the merchant fixes the cause, includeFailed retries them.
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0 })).toMatchObject({ attempted: 0 });
    await chooseKeyword();
    expect(await retryPendingSubscriberSyncs(shop.id, { minAgeMs: 0, includeFailed: true })).toMatchObject({
      attempted: 1,
      synced: 1,
    });
    expect(await entryOf(shop.id)).toMatchObject({ postscriptSync: "SYNCED", postscriptSyncAttempts: 1 });
    expect(subscribersOf(key)).toHaveLength(1);
  });

  it("records Postscript's own message when it refuses the subscriber (a keyword deleted in Postscript)", async () => {
    const { shop, key, restock, variant } = await setup();
    sandbox.state.removeKeyword(key, restock.id);
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    await vi.waitFor(async () => expect((await entryOf(shop.id)).postscriptSync).toBe("FAILED"));
    expect(await entryOf(shop.id)).toMatchObject({
      postscriptSyncError: "Postscript rejected the request: Could not find keyword matching that information",
      postscriptSyncAttempts: 1,
    });
  });

  it("fails with what to do when the connection is missing, unverified or disabled", async () => {
    const { shop, variant } = await setup();
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    const entry = await settled(shop.id);
    const retry = async () => {
      await prisma.waitlistEntry.update({ where: { id: entry.id }, data: { postscriptSync: "PENDING" } });
      return syncSubscriber(entry.id);
    };
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
      data: { enabled: false },
    });
    expect(await retry()).toMatchObject({ status: "FAILED", error: expect.stringMatching(/integration is disabled/) });
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
      data: { enabled: true, verification: "INVALID" },
    });
    expect(await retry()).toMatchObject({ status: "FAILED", error: expect.stringMatching(/not verified/) });
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
      data: { encryptedKey: null },
    });
    expect(await retry()).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/^Connect your Postscript account first/),
    });
  });

  it("needs no sync when the provider is not Postscript, or there is no phone", async () => {
    for (const provider of ["BUILT_IN", "KLAVIYO"] as const) {
      const { shop, key, variant } = await setup({ provider });
      const res = await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
      expect(res.body.message).not.toMatch(/reply Y/);
      expect(await entryOf(shop.id)).toMatchObject({ postscriptSync: "NOT_NEEDED", postscriptSyncAttempts: 0 });
      expect(subscribersOf(key)).toEqual([]);
    }
    const { shop, key, variant } = await setup();
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, email: "only@example.com" });
    expect(await entryOf(shop.id)).toMatchObject({ postscriptSync: "NOT_NEEDED" });
    expect(subscribersOf(key)).toEqual([]);
  });

  it("drops a pending sync when the merchant switched away from Postscript meanwhile", async () => {
    const { shop, merchant, key, variant } = await setup();
    sandbox.state.setFaults({ down: true });
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    const entry = await settled(shop.id);
    await runShopAction(merchant, setSmsProviderSchema, setSmsProvider, { shopId: shop.id, provider: "BUILT_IN" });
    sandbox.state.setFaults({ down: false });
    expect(await syncSubscriber(entry.id)).toMatchObject({ status: "NOT_NEEDED" });
    expect(await entryOf(shop.id)).toMatchObject({ postscriptSync: "NOT_NEEDED", postscriptSyncError: null });
    expect(subscribersOf(key)).toEqual([]);
  });

  it("does nothing for an entry that no longer exists or is already synced", async () => {
    expect(await syncSubscriber("no-such-entry")).toMatchObject({ status: "NOT_NEEDED" });
    const { shop, key, variant } = await setup();
    await postSignup(shop.domain, { variantId: variant.shopifyVariantId, phone: randomPhone().typed });
    const entry = await settled(shop.id);
    sandbox.state.setFaults({ down: true });
    expect(await syncSubscriber(entry.id)).toMatchObject({
      status: "SYNCED",
      subscriberId: entry.postscriptSubscriberId,
    });
    expect(subscribersOf(key)).toHaveLength(1);
  });
});
