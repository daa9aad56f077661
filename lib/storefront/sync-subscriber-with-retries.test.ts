import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { postscriptClientForKey } from "@/lib/postscript-connection/postscript-client-for-key";
import { createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { syncSubscriberWithRetries } from "./sync-subscriber-with-retries";

const sandbox = sandboxPerFile({ timeoutMs: 1_000 });

describe("syncSubscriberWithRetries (the in-process path)", () => {
  it("retries a passing failure with backoff until Postscript answers, as Inngest would", async () => {
    const shop = await createEngineShop();
    const [keyword] = await postscriptClientForKey(shop.apiKey).listKeywords();
    await prisma.postscriptIntegration.update({ where: { shopId: shop.shopId }, data: { keywordId: keyword!.id } });
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
