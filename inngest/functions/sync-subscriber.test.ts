import { InngestTestEngine } from "@inngest/test";
import { toInngestFunction } from "@/lib/jobs/inngest-functions";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/jobs/job-events";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { prisma } from "@/lib/db/prisma";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { connectPostscriptSchema } from "@/lib/postscript-connection/schemas";
import { setSmsProviderSchema } from "@/lib/sms-settings/schemas";
import { setSmsProvider } from "@/lib/sms-settings/set-sms-provider";
import { createCatalogVariant, randomPhone } from "@/lib/storefront/storefront-test-helpers";
import { createMerchant, createShop, sandboxKey } from "@/lib/testing/fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { safetyNetSweep } from "./safety-net-sweep";
import { syncSubscriberJob } from "./sync-subscriber";

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

/** A PENDING entry of a shop with Postscript connected, RESTOCK chosen and Postscript as provider. */
async function pendingEntry() {
  const shop = await createShop({ plan: "PAID" });
  const merchant = await createMerchant(shop.id);
  const key = sandboxKey();
  await runShopAction(merchant, connectPostscriptSchema, connectPostscript, { shopId: shop.id, apiKey: key });
  const keyword = sandbox.state.account(key)!.keywords.find((k) => k.keyword === "RESTOCK")!;
  await prisma.integration.update({
    where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
    data: { keywordId: keyword.id, keywordName: keyword.keyword },
  });
  await runShopAction(merchant, setSmsProviderSchema, setSmsProvider, { shopId: shop.id, provider: "POSTSCRIPT" });
  const variant = await createCatalogVariant(shop.id);
  const phone = randomPhone().e164;
  const entry = await prisma.waitlistEntry.create({
    data: { shopId: shop.id, variantId: variant.id, customerKey: phone, phone, postscriptSync: "PENDING" },
  });
  return { entry, key, phone };
}

const run = (waitlistEntryId: string) =>
  new InngestTestEngine({
    function: toInngestFunction(syncSubscriberJob),
    events: [{ name: EVENTS.subscriberSyncRequested.name, data: { waitlistEntryId } }],
  }).execute();

describe("syncSubscriberJob", () => {
  it("runs syncSubscriber for the event's entry without a step (one billed execution)", async () => {
    const { entry, key, phone } = await pendingEntry();
    const { result, ctx } = await run(entry.id);
    expect(result).toMatchObject({ status: "SYNCED", created: true });
    expect(ctx.step.run).not.toHaveBeenCalled();
    expect(sandbox.state.account(key)!.subscribers).toMatchObject([{ phoneNumber: phone }]);
    expect(await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      postscriptSync: "SYNCED",
      postscriptSyncAttempts: 1,
    });
  });

  it("fails the run (so Inngest retries) while Postscript is down, with the attempt recorded", async () => {
    const { entry, key } = await pendingEntry();
    sandbox.state.setFaults({ down: true });
    const { error } = await run(entry.id);
    expect(error).toMatchObject({ message: expect.stringMatching(/HTTP 503/) });
    expect(await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      postscriptSync: "PENDING",
      postscriptSyncAttempts: 1,
    });
    expect(sandbox.state.account(key)!.subscribers).toEqual([]);

    // Inngest's next attempt, once Postscript is back.
    sandbox.state.setFaults({ down: false });
    expect((await run(entry.id)).result).toMatchObject({ status: "SYNCED" });
  });

  it("asks Inngest to retry later on a 429", async () => {
    const { entry } = await pendingEntry();
    sandbox.state.setFaults({ share429: 1 });
    const { error } = await run(entry.id);
    expect(error).toMatchObject({ name: "RetryAfterError", message: expect.stringMatching(/rate limiting/) });
    expect(await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      postscriptSync: "PENDING",
      postscriptSyncAttempts: 1,
    });
  });

  it("completes without retrying when the sync cannot succeed (no keyword)", async () => {
    const { entry } = await pendingEntry();
    await prisma.integration.update({
      where: { shopId_provider: { shopId: entry.shopId, provider: "POSTSCRIPT" } },
      data: { keywordId: null },
    });
    const { result, error } = await run(entry.id);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      status: "FAILED",
      error: expect.stringMatching(/^Choose a keyword in Postscript setup step 3/),
    });
  });

  it("is configured with retries and one run per entry at a time", () => {
    const config = (toInngestFunction(syncSubscriberJob) as unknown as { opts: unknown }).opts as {
      retries?: number;
      concurrency?: unknown;
      triggers?: unknown;
    };
    expect(config).toMatchObject({
      retries: 9,
      concurrency: { key: "event.data.waitlistEntryId", limit: 1 },
      triggers: [{ event: "postscript/subscriber.sync-requested" }],
    });
  });
});

describe("the safety net's subscriber-sync step", () => {
  it("re-runs pending syncs on a schedule", async () => {
    const { entry, key } = await pendingEntry();
    // Older than the 2-minute grace left to the entry's own run.
    await prisma.$executeRaw`UPDATE "WaitlistEntry" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${entry.id}`;
    const { result } = await new InngestTestEngine({
      function: toInngestFunction(safetyNetSweep),
      // Wake-ups go to Inngest (the test engine would send them to a server).
      steps: [{ id: "queue-due-shops", handler: () => ({ ids: [] }) }],
    }).execute();
    expect(result).toMatchObject({ syncs: { synced: expect.any(Number) } });
    expect(await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      postscriptSync: "SYNCED",
    });
    expect(sandbox.state.account(key)!.subscribers).toHaveLength(1);
  });
});
