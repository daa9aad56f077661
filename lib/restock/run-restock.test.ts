import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { reportLinkUrl } from "@/lib/reports/report-link-url";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { getRestockProgress } from "./get-restock-progress";
import { addWaitlist, createEngineShop, createEngineVariant, warmUpEngine } from "./restock-test-fixtures";
import { runRestock } from "./restock-test-fixtures";

const sandbox = sandboxPerFile({ timeoutMs: 1_000 });
beforeAll(async () => {
  await warmUpEngine();
});

describe("runRestock", () => {
  it("plans and sends: each waiting customer gets the alert once with the 11 properties, and progress adds up", async () => {
    const shop = await createEngineShop();
    const variant = await createEngineVariant(shop.shopId, { available: 5 });
    const phones = await addWaitlist(shop.shopId, variant.id, 20);
    const restock = await prisma.restock.create({
      data: { shopId: shop.shopId, variantId: variant.id, trigger: "INVENTORY", available: 5 },
    });
    expect(await getRestockProgress(shop.shopId, restock.id)).toMatchObject({ total: 0, planned: false });

    await runRestock(restock.id);
    const inbox = sandbox.state.inbox({ keyLast4: shop.apiKey.slice(-4), type: "back_in_stock_sms_alert" });
    expect(inbox.map((e) => e.phone).sort()).toEqual([...phones].sort());
    const first = inbox.find((e) => e.phone === phones[0])!;
    expect(first.properties).toMatchObject({
      title_incl_variant: `${variant.product.title} - Medium / Blue`,
      purchase_link: reportLinkUrl(restock.id),
      customer_phone: phones[0],
      customer_name: "Customer 1",
    });
    expect(Object.keys(first.properties)).toHaveLength(11);
    expect(sandbox.state.account(shop.apiKey)?.rateLimited429Count).toBe(0);

    expect(await getRestockProgress(shop.shopId, restock.id)).toEqual({
      total: 20,
      delivered: 20,
      retrying: 0,
      failed: 0,
      skipped: 0,
      pending: 0,
      unconfirmed: 0,
      planned: true,
      paused: null,
      quietHours: 0,
      texted: 0,
      received: 0,
    });
    const row = await prisma.delivery.findFirst({
      where: { restockId: restock.id, recipientPhone: phones[0], eventType: "back_in_stock_sms_alert" },
    });
    expect(row).toMatchObject({
      status: "DELIVERED",
      attempts: 1,
      responseStatus: 202,
      responseBody: JSON.stringify({ event_ids: [first.eventId] }),
    });
    expect(
      await prisma.waitlistEntry.count({
        where: { variantId: variant.id, status: "NOTIFIED", notifiedAt: { not: null } },
      }),
    ).toBe(20);
  });
});
