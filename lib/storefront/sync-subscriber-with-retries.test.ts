import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { postscriptClientForKey } from "@/lib/integrations/postscript-client-for-key";
import { createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { syncSubscriberWithRetries } from "./sync-subscriber-with-retries";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("syncSubscriberWithRetries (the in-process path)", () => {
  it("retries a passing failure with backoff until Postscript answers, as Inngest would", async () => {
    const shop = await createEngineShop();
    const [keyword] = await postscriptClientForKey(shop.apiKey).listKeywords();
    await prisma.integration.update({ where: { shopId_provider: { shopId: shop.shopId, provider: "POSTSCRIPT" } }, data: { keywordId: keyword!.id } });
    const variant = await createEngineVariant(shop.shopId);
    const entry = await prisma.waitlistEntry.create({
      data: { shopId: shop.shopId, variantId: variant.id, customerKey: "+14155552671", phone: "+14155552671", status: "WAITING", postscriptSync: "PENDING" },
    });
    sandbox.state.setFaults({ down: true });
    const syncing = syncSubscriberWithRetries(entry.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    sandbox.state.setFaults({ down: false });
    expect(await syncing).toMatchObject({ status: "SYNCED", created: true });
    const synced = await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(synced.postscriptSync).toBe("SYNCED");
    expect(synced.postscriptSyncAttempts).toBeGreaterThan(1);
  });
});
