import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createShop } from "@/lib/testing/fixtures";
import { listDeliveries } from "./list-deliveries";

describe("the Activity list", () => {
  it("masks recipients, includes test events, and filters by type, status and customer", async () => {
    const shop = await createShop();
    const base = { shopId: shop.id, provider: "POSTSCRIPT" as const, properties: {} };
    await prisma.delivery.createMany({
      data: [
        {
          ...base,
          eventType: "back_in_stock_sms_alert",
          idempotencyKey: `${shop.id}:1`,
          status: "DELIVERED",
          recipientPhone: "+15555550123",
          attempts: 1,
          responseStatus: 202,
        },
        {
          ...base,
          eventType: "back_in_stock_sms_alert",
          idempotencyKey: `${shop.id}:2`,
          status: "FAILED",
          recipientPhone: "+15555550999",
          attempts: 3,
          error: "Postscript rejected the request: bad phone",
        },
        {
          ...base,
          eventType: "preorder_sms_confirmed",
          idempotencyKey: `${shop.id}:3`,
          status: "SKIPPED",
          skipReason: "customer has no phone and no email",
        },
        {
          ...base,
          eventType: "order_editing_saved",
          idempotencyKey: `${shop.id}:4`,
          status: "DELIVERED",
          recipientEmail: "jamie@example.com",
        },
      ],
    });
    await prisma.testEvent.create({
      data: { shopId: shop.id, eventType: "preorder_sms_confirmed", status: "ACCEPTED", postscriptEventId: "evt_1" },
    });

    const all = await listDeliveries(shop.id);
    expect(all).toHaveLength(5);
    expect(JSON.stringify(all)).not.toContain("5555550123");
    expect(JSON.stringify(all)).not.toContain("jamie@");
    expect(all.find((r) => r.kind === "test")).toMatchObject({
      eventType: "preorder_sms_confirmed",
      status: "DELIVERED",
      answer: "Accepted (evt_1)",
    });

    expect((await listDeliveries(shop.id, { status: "FAILED" })).map((r) => r.answer)).toEqual([
      "Postscript rejected the request: bad phone",
    ]);
    expect((await listDeliveries(shop.id, { eventType: "preorder_sms_confirmed" })).map((r) => r.kind).sort()).toEqual([
      "event",
      "test",
    ]);
    expect((await listDeliveries(shop.id, { recipient: "(555) 555-0123" })).map((r) => r.recipient)).toEqual([
      "+1••••••0123",
    ]);
    expect((await listDeliveries(shop.id, { recipient: "JAMIE@example" })).map((r) => r.eventType)).toEqual([
      "order_editing_saved",
    ]);
    expect(await listDeliveries((await createShop()).id)).toEqual([]);
  });
});
