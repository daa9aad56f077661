import { describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import type { SessionUser } from "@/lib/auth/shop-context";
import { prisma } from "@/lib/db/prisma";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { connectPostscriptSchema, setPostscriptEnabledSchema } from "@/lib/postscript-connection/schemas";
import { setPostscriptEnabled } from "@/lib/postscript-connection/set-postscript-enabled";
import { createMerchant, createShop, createSupportAgent, sandboxKey } from "@/lib/testing/fixtures";
import { sandboxPerFile } from "@/lib/testing/sandbox-per-file";
import { findEvent, sampleProperties } from "./event-catalog";
import { sendTestEventSchema } from "./flow-schemas";
import { sendTestEvent } from "./send-test-event";

const sandbox = sandboxPerFile({ timeoutMs: 500, faults: "clear" });

/** A shop with a merchant and, unless told otherwise, a verified sandbox key. */
async function setup({ connect = true } = {}) {
  const shop = await createShop();
  const merchant = await createMerchant(shop.id);
  const key = sandboxKey();
  if (connect) {
    const connected = await runShopAction(merchant, connectPostscriptSchema, connectPostscript, {
      shopId: shop.id,
      apiKey: key,
    });
    expect(connected).toMatchObject({ ok: true, data: { result: "connected" } });
  }
  const send = (eventType: string, user: SessionUser = merchant, shopId = shop.id) =>
    runShopAction(user, sendTestEventSchema, sendTestEvent, { shopId, eventType });
  return { shop, merchant, key, send };
}

const inbox = (key: string, type: string) => sandbox.state.inbox({ keyLast4: key.slice(-4), type });
const tests = (shopId: string) => prisma.testEvent.findMany({ where: { shopId }, orderBy: { createdAt: "asc" } });
const audit = (shopId: string) => prisma.auditLog.findMany({ where: { shopId, action: "setup.test_event_sent" } });

describe("sending a test event", () => {
  it("says as many offers in offer_count as the sample upsell event carries", () => {
    const properties = sampleProperties(findEvent("upsell_recommendations")!);
    const offers = Object.keys(properties).filter((name) => /^offer_\d+_product_title$/.test(name));
    expect(properties.offer_count).toBe(offers.length);
    expect(offers).toHaveLength(3);
  });

  it("registers the trigger in Postscript with the sample properties and records the accepted test", async () => {
    const { shop, merchant, key, send } = await setup();
    const result = await send("order_editing_saved");
    expect(result).toEqual({
      ok: true,
      data: {
        status: "ACCEPTED",
        message: "Accepted by Postscript: the trigger order_editing_saved is now available in Create Automation.",
      },
    });

    const registered = sandbox.state.account(key)?.eventTypes.find((t) => t.type === "order_editing_saved");
    expect(registered).toMatchObject({ count: 1, flowTriggerName: expect.stringContaining("order_editing_saved") });
    const [received] = inbox(key, "order_editing_saved");
    expect(received).toMatchObject({
      email: merchant.email,
      properties: sampleProperties(findEvent("order_editing_saved")!),
      externalId: expect.stringMatching(new RegExp(`^test:${shop.id}:order_editing_saved:\\d+$`)),
    });

    expect(await tests(shop.id)).toMatchObject([
      {
        eventType: "order_editing_saved",
        status: "ACCEPTED",
        postscriptEventId: received!.eventId,
        error: null,
        sentByUserId: merchant.id,
        sentByName: "Test Merchant",
      },
    ]);
    expect(await audit(shop.id)).toMatchObject([
      { actorUserId: merchant.id, metadata: { eventType: "order_editing_saved", status: "ACCEPTED" } },
    ]);
  });

  it("records Postscript being down as a failed test with its reason, without throwing", async () => {
    const { shop, key, send } = await setup();
    sandbox.state.setFaults({ down: true });
    const result = await send("upsell_recommendations");
    expect(result).toMatchObject({
      ok: true,
      data: { status: "FAILED", message: expect.stringMatching(/Postscript had a server problem \(HTTP 503\)/) },
    });
    expect(await tests(shop.id)).toMatchObject([
      {
        eventType: "upsell_recommendations",
        status: "FAILED",
        error: expect.stringMatching(/HTTP 503/),
        postscriptEventId: null,
      },
    ]);
    expect(await audit(shop.id)).toMatchObject([{ metadata: { status: "FAILED" } }]);
    expect(inbox(key, "upsell_recommendations")).toHaveLength(0);

    // A failure is not an accepted test, so the next click sends for real.
    sandbox.state.setFaults({ down: false });
    expect(await send("upsell_recommendations")).toMatchObject({ ok: true, data: { status: "ACCEPTED" } });
    expect(inbox(key, "upsell_recommendations")).toHaveLength(1);
  });

  it("sends once for a double click, sequential or concurrent, and again after 10 seconds", async () => {
    const { shop, key, send } = await setup();
    const [first, second] = await Promise.all([send("order_editing_started"), send("order_editing_started")]);
    const third = await send("order_editing_started");
    for (const result of [first, second, third])
      expect(result).toMatchObject({ ok: true, data: { status: "ACCEPTED" } });
    expect(inbox(key, "order_editing_started")).toHaveLength(1);
    expect(await tests(shop.id)).toHaveLength(1);

    // Other types are not held back by it.
    await send("order_editing_saved");
    expect(inbox(key, "order_editing_saved")).toHaveLength(1);

    await prisma.testEvent.updateMany({
      where: { shopId: shop.id },
      data: { createdAt: new Date(Date.now() - 11_000) },
    });
    await send("order_editing_started");
    expect(inbox(key, "order_editing_started")).toHaveLength(2);
  });
});

describe("what sending a test event refuses", () => {
  it("asks to connect first when no key is saved", async () => {
    const { shop, send } = await setup({ connect: false });
    expect(await send("order_editing_saved")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Connect Postscript first/),
    });
    expect(await tests(shop.id)).toEqual([]);
  });

  it("asks to enable a disabled integration and sends nothing", async () => {
    const { shop, merchant, key, send } = await setup();
    await runShopAction(merchant, setPostscriptEnabledSchema, setPostscriptEnabled, {
      shopId: shop.id,
      enabled: false,
    });
    expect(await send("order_editing_saved")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/integration is disabled: enable it/),
    });
    expect(inbox(key, "order_editing_saved")).toHaveLength(0);
    expect(await tests(shop.id)).toEqual([]);
  });

  it("asks to verify a key that could not be verified", async () => {
    const { shop, send } = await setup({ connect: false });
    const { encryptSecret } = await import("@/lib/crypto/secret-box");
    await prisma.integration.create({
      data: {
        provider: "POSTSCRIPT",
        shopId: shop.id,
        encryptedKey: encryptSecret(sandboxKey()),
        keyLast4: "abcd",
        verification: "UNVERIFIED",
      },
    });
    expect(await send("order_editing_saved")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/not verified yet/),
    });
    await prisma.integration.update({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
      data: { verification: "INVALID" },
    });
    expect(await send("order_editing_saved")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: expect.stringMatching(/no longer accepts your saved key/),
    });
    expect(await tests(shop.id)).toEqual([]);
  });

  it("refuses an event type Signalboard does not send", async () => {
    const { shop, send } = await setup();
    expect(await send("integration_connected")).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
      message: "Unknown event type.",
    });
    expect(await send("")).toMatchObject({ ok: false, code: "BAD_REQUEST", message: "Unknown event type." });
    expect(await tests(shop.id)).toEqual([]);
  });

  it("answers 404 for another shop's id and sends nothing there", async () => {
    const { merchant } = await setup();
    const other = await setup();
    expect(await other.send("order_editing_saved", merchant)).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: "Shop not found.",
    });
    expect(inbox(other.key, "order_editing_saved")).toHaveLength(0);
    expect(await tests(other.shop.id)).toEqual([]);
  });

  it("does not let a support agent send", async () => {
    const { shop, key, send } = await setup();
    const agent = await createSupportAgent();
    expect(await send("order_editing_saved", agent)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(inbox(key, "order_editing_saved")).toHaveLength(0);
    expect(await tests(shop.id)).toEqual([]);
  });
});
