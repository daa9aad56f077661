import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { deliverDue } from "@/lib/deliveries/deliver-due";
import { createEngineShop } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { addDelivery, diagnostic } from "./diagnostics-test-fixtures";
import { getDeliveryHealth } from "./get-delivery-health";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.state.setFaults({ down: false, share429: 0, share500: 0, slowShare: 0, slowMs: 0 });
});

// Fewer attempts than the circuit's threshold (4), so the row gives up before sending pauses.
const RETRY = { maxAttempts: 3, baseMs: 1, capMs: 1 };

async function health(shopId: string) {
  const report = await getDeliveryHealth(shopId);
  if (!report) throw new Error("no shop");
  return report;
}

describe("a delivery that retried, then gave up", () => {
  it("is retrying on the Overview and in 'events waiting' while its next attempt is later, then failed with the latest answer", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    await prisma.shop.update({ where: { id: shop.shopId }, data: { timeZone: "America/New_York" } });
    const row = await addDelivery(shop.shopId, { status: "PENDING" });
    expect((await health(shop.shopId)).items).toEqual([]);

    sandbox.state.setFaults({ share500: 1 });
    // One attempt: a long backoff keeps this pass from retrying within its 300 ms.
    await deliverDue(shop.shopId, {
      maxDurationMs: 300,
      workers: 1,
      retry: { ...RETRY, baseMs: 60_000, capMs: 60_000 },
    });
    // As the engine leaves it between attempts: RETRYING, the next attempt minutes away.
    await prisma.delivery.update({
      where: { id: row.id },
      data: { nextAttemptAt: new Date(Date.now() + 10 * 60_000) },
    });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "RETRYING",
      attempts: 1,
    });

    const retrying = await health(shop.shopId);
    expect(retrying.tone).toBe("warning");
    expect(retrying.items).toEqual([
      expect.objectContaining({
        kind: "retrying",
        count: 1,
        tone: "warning",
        fixHref: `/shops/${shop.shopId}/activity?status=RETRYING`,
      }),
    ]);
    expect(retrying.items[0]!.latestAnswer).toMatch(/500|server/i);
    const waiting = await diagnostic(shop.shopId, "events-delayed");
    expect(waiting).toMatchObject({ status: "warning", title: "Events are being retried" });
    expect(waiting.detail).toMatch(
      /^1 event is retrying after an error, the oldest for \d+ s \(since .* EST\)\. Latest answer, after 1 attempt: /,
    );

    // The backoff skipped: each pass makes the row due again (a pass may end before its attempt on a busy machine).
    for (let pass = 0; pass < 10; pass++) {
      const { status } = await prisma.delivery.findUniqueOrThrow({ where: { id: row.id } });
      if (status === "FAILED") break;
      await prisma.delivery.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
      await deliverDue(shop.shopId, { maxDurationMs: 1_000, workers: 1, retry: RETRY });
    }
    const gaveUp = await prisma.delivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(gaveUp).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(gaveUp.error).toMatch(/^Gave up after 3 attempts/);

    const failed = await health(shop.shopId);
    expect(failed.tone).toBe("problem");
    expect(failed.items).toEqual([
      expect.objectContaining({
        kind: "failed",
        count: 1,
        tone: "problem",
        latestAnswer: gaveUp.error,
        fixHref: `/shops/${shop.shopId}/activity?status=FAILED`,
      }),
    ]);
    expect(failed.timeZone).toBe("America/New_York");
    // "Events waiting" no longer passes silently: the failure has its own check, with the answer and when.
    expect(await diagnostic(shop.shopId, "events-delayed")).toMatchObject({ status: "ok", title: "No events waiting" });
    const check = await diagnostic(shop.shopId, "deliveries-failed");
    expect(check).toMatchObject({
      status: "problem",
      title: "1 event failed",
      fixHref: `/shops/${shop.shopId}/activity?status=FAILED`,
    });
    expect(check.detail).toMatch(
      /^1 event failed on .* EST, so that customer was not texted\. The latest \(back_in_stock_sms_alert, 3 attempts\): Gave up after 3 attempts/,
    );
  });
});

describe("the other states a merchant must see", () => {
  it("counts unconfirmed, skipped and paused sends, worst first", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    await addDelivery(shop.shopId, { status: "SKIPPED", skipReason: "The customer opted out of SMS in Postscript." });
    const quiet = await health(shop.shopId);
    // Skips are deliberate: shown, but the line stays calm.
    expect(quiet.items).toEqual([
      expect.objectContaining({
        kind: "skipped",
        tone: "info",
        count: 1,
        latestAnswer: "The customer opted out of SMS in Postscript.",
      }),
    ]);
    expect(quiet.tone).toBe("info");

    await prisma.sendingPause.create({
      data: {
        shopId: shop.shopId,
        provider: "POSTSCRIPT",
        reason: "Sending paused after 4 sends in a row got no answer.",
      },
    });
    await addDelivery(shop.shopId, { status: "PENDING" });
    await addDelivery(shop.shopId, {
      status: "UNCONFIRMED",
      deliveredAt: new Date(),
      error: "Unconfirmed: no answer came in time.",
    });
    const report = await health(shop.shopId);
    expect(report.items.map((i) => [i.kind, i.count])).toEqual([
      ["unconfirmed", 1],
      ["paused", 1],
      ["skipped", 1],
    ]);
    expect(report.items[1]).toMatchObject({
      title: "Sending is paused: the provider stopped answering (1 event waiting)",
      latestAnswer: expect.stringMatching(/^Sending paused after 4/),
    });
    expect(report.tone).toBe("problem");
  });

  it("names events held by a disabled integration as held, with the fix on the connect step", async () => {
    const shop = await createEngineShop({ reminderEnabled: false, enabled: false });
    await addDelivery(shop.shopId, { status: "PENDING" });
    await addDelivery(shop.shopId, { status: "PENDING", recipientPhone: "+14155552672" });
    const report = await health(shop.shopId);
    expect(report.items).toEqual([
      expect.objectContaining({
        kind: "held",
        tone: "problem",
        count: 2,
        title: "2 events held: the Postscript integration is disabled",
        fixHref: `/shops/${shop.shopId}/postscript#step-connect`,
      }),
    ]);
  });

  it("forgets failures older than the recent window, and refuses an unknown shop", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const old = await addDelivery(shop.shopId, { status: "FAILED", error: "Postscript rejected the event (HTTP 400)" });
    await prisma.$executeRaw`UPDATE "Delivery" SET "updatedAt" = now() - interval '8 days' WHERE id = ${old.id}`;
    expect((await health(shop.shopId)).items).toEqual([]);
    expect(await getDeliveryHealth("no-such-shop")).toBeNull();
  });
});
