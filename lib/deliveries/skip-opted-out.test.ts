import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { recordConsent } from "@/lib/diagnostics/diagnostics-test-fixtures";
import { getPersonTimeline } from "@/lib/diagnostics/get-person-timeline";
import { planRestock } from "@/lib/restock/plan-restock";
import { addWaitlist, createEngineShop, createEngineVariant } from "@/lib/restock/restock-test-fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { deliverDue } from "./deliver-due";
import { SKIP_REASONS } from "./skip-ineligible-deliveries";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 1_000 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("alerts to customers who opted out", () => {
  it("are skipped with that reason, shown as the stop in the person timeline, and the others are sent", async () => {
    const shop = await createEngineShop({ reminderEnabled: false });
    const variant = await createEngineVariant(shop.shopId, { available: 4 });
    const [stopped, waiting] = await addWaitlist(shop.shopId, variant.id, 2);
    await recordConsent(shop.shopId, stopped!, "OPTED_OUT");
    await recordConsent(shop.shopId, waiting!, "OPTED_IN");
    const restock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "MANUAL", available: 4 },
    });
    await planRestock(restock.id);
    await deliverDue(shop.shopId, { maxDurationMs: 10_000 });

    const ledger = await prisma.delivery.findMany({ where: { restockId: restock.id } });
    expect(ledger.find((row) => row.recipientPhone === stopped)).toMatchObject({
      status: "SKIPPED",
      skipReason: SKIP_REASONS.optedOut,
    });
    expect(ledger.find((row) => row.recipientPhone === waiting)).toMatchObject({ status: "DELIVERED" });
    expect(
      sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "back_in_stock_sms_alert" }).map((e) => e.phone),
    ).toEqual([waiting]);

    const timeline = await getPersonTimeline(shop.shopId, stopped!);
    expect(timeline?.entries.map((e) => e.title)).toContain("Opted out of Postscript texts");
    expect(timeline?.stop).toMatchObject({ title: "The customer opted out of Postscript texts", tone: "problem" });
  });
});
