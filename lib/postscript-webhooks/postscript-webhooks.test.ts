import { postscriptClientForKey } from "@/lib/integrations/postscript-client-for-key";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runShopAction } from "@/lib/actions/run-shop-action";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { disconnectPostscript } from "@/lib/postscript-connection/disconnect-postscript";
import { connectPostscriptSchema, shopOnlySchema } from "@/lib/postscript-connection/schemas";
import { createMerchant, createShop, sandboxKey } from "@/lib/testing/fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { receivePostscriptWebhook } from "./receive-postscript-webhook";
import { subscribePostscriptWebhooks } from "./subscribe-postscript-webhooks";

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let app: Server;
const answers: number[] = [];

// Stands in for the Next route: the sandbox delivers over HTTP to SHOPIFY_APP_URL/api/webhooks/postscript/<shop>.
beforeAll(async () => {
  sandbox = await startTestSandbox();
  app = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const shopId = decodeURIComponent(req.url!.split("/").pop()!);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://localhost${req.url}`, {
        method: "POST",
        headers,
        body: Buffer.concat(chunks),
      });
      void receivePostscriptWebhook(shopId, request).then((reply) => {
        answers.push(reply.status);
        res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.body));
      });
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  process.env.SHOPIFY_APP_URL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => app.close(resolve));
});

async function connectedShop() {
  const shop = await createShop({ plan: "PAID" });
  const merchant = await createMerchant(shop.id);
  const key = sandboxKey();
  const connected = await runShopAction(merchant, connectPostscriptSchema, connectPostscript, {
    shopId: shop.id,
    apiKey: key,
  });
  expect(connected.ok).toBe(true);
  const auth = sandbox.state.authenticate(key);
  if (auth.status !== "ok") throw new Error("sandbox refused the key");
  return { shop, merchant, key, account: auth.account };
}

function addSubscriber(account: Parameters<typeof sandbox.state.createSubscriber>[0], phone: string) {
  return sandbox.state.createSubscriber(account, { phoneNumber: phone, keyword: "RESTOCK" });
}

async function reply(subscriberId: string, body: string) {
  const response = await fetch(`${sandbox.url}/sandbox/subscribers/${subscriberId}/reply`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ body }),
  });
  expect(response.status).toBe(200);
}

const consent = (shopId: string, phone: string) =>
  prisma.subscriberConsent.findUnique({ where: { shopId_phone: { shopId, phone } } });

function envelope(event: string, eventTime: string, data: Record<string, unknown>) {
  return JSON.stringify({
    webhook_id: "wh_1",
    resource_type: "shop",
    resource_id: "shop_1",
    event_time: eventTime,
    event,
    event_data: data,
  });
}

function post(shopId: string, body: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== undefined) headers["postscript-signature"] = signature;
  return receivePostscriptWebhook(shopId, new Request("http://localhost/x", { method: "POST", headers, body }));
}

describe("Postscript webhook subscriptions", () => {
  it("subscribes opt-in, opt-out and incoming messages on connect, once, and removes them on disconnect", async () => {
    const { shop, merchant, key, account } = await connectedShop();
    const listed = () => sandbox.webhooks.list(account.resourceId);
    expect(
      listed()
        .map((hook) => hook.event)
        .sort(),
    ).toEqual(["shop.incoming_message", "shop.subscriber.opt_in", "shop.subscriber.opt_out"]);
    expect(listed().every((hook) => hook.callbackUrl.endsWith(`/api/webhooks/postscript/${shop.id}`))).toBe(true);

    const row = await prisma.integration.findUniqueOrThrow({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
    });
    expect(row.webhookIds.sort()).toEqual(
      listed()
        .map((hook) => hook.id)
        .sort(),
    );
    expect(row.encryptedWebhookToken).not.toContain(sandbox.webhooks.token(account.resourceId));
    expect(decryptSecret(row.encryptedWebhookToken!)).toBe(sandbox.webhooks.token(account.resourceId));

    await runShopAction(merchant, connectPostscriptSchema, connectPostscript, { shopId: shop.id, apiKey: key });
    expect(listed()).toHaveLength(3);

    await runShopAction(merchant, shopOnlySchema, disconnectPostscript, { shopId: shop.id });
    expect(listed()).toHaveLength(0);
    const after = await prisma.integration.findUniqueOrThrow({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
    });
    expect(after).toMatchObject({ encryptedWebhookToken: null, webhookIds: [] });
  });

  it("records why when Postscript cannot be reached to subscribe, and keeps the connection", async () => {
    const { shop, key } = await connectedShop();
    sandbox.state.setFaults({ down: true });
    try {
      expect(await subscribePostscriptWebhooks(shop.id, postscriptClientForKey(key))).toEqual({ subscribed: false });
    } finally {
      sandbox.state.setFaults({ down: false });
    }
    const row = await prisma.integration.findUniqueOrThrow({
      where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
    });
    expect(row.verification).toBe("VERIFIED");
    expect(row.webhookError).toBeTruthy();
    expect(await subscribePostscriptWebhooks(shop.id, postscriptClientForKey(key))).toEqual({ subscribed: true });
    expect(
      (
        await prisma.integration.findUniqueOrThrow({
          where: { shopId_provider: { shopId: shop.id, provider: "POSTSCRIPT" } },
        })
      ).webhookError,
    ).toBeNull();
  });
});

describe("receiving Postscript webhooks", () => {
  it("records the opt-in when the customer replies Y, and the opt-out when they reply STOP", async () => {
    const { shop, account } = await connectedShop();
    const subscriber = addSubscriber(account, "+12015550111");
    expect(await consent(shop.id, "+12015550111")).toBeNull();

    await reply(subscriber.id, "Y");
    expect(await consent(shop.id, "+12015550111")).toMatchObject({
      state: "OPTED_IN",
      postscriptSubscriberId: subscriber.id,
    });

    await reply(subscriber.id, "STOP");
    const stopped = await consent(shop.id, "+12015550111");
    expect(stopped).toMatchObject({ state: "OPTED_OUT" });
    expect(stopped?.optedInAt).toBeTruthy();
    expect(stopped?.optedOutAt).toBeTruthy();
  });

  it("refuses a missing or wrong signature and records nothing", async () => {
    const { shop, account } = await connectedShop();
    const body = envelope("shop.subscriber.opt_in", "2026-12-06T10:00:00.123456", {
      id: "s_1",
      phone_number: "+12015550112",
    });
    expect((await post(shop.id, body)).status).toBe(401);
    expect((await post(shop.id, body, "wrong")).status).toBe(401);
    expect((await post(shop.id, body, `${sandbox.webhooks.token(account.resourceId)}x`)).status).toBe(401);
    // Another account's valid token is not this shop's.
    const other = await connectedShop();
    expect((await post(shop.id, body, sandbox.webhooks.token(other.account.resourceId))).status).toBe(401);
    expect(await consent(shop.id, "+12015550112")).toBeNull();
    expect((await post(shop.id, body, sandbox.webhooks.token(account.resourceId))).status).toBe(200);
    expect(await consent(shop.id, "+12015550112")).toMatchObject({ state: "OPTED_IN" });
  });

  it("is idempotent, and a late redelivery of an older event does not undo a newer one", async () => {
    const { shop, account } = await connectedShop();
    const token = sandbox.webhooks.token(account.resourceId);
    const optIn = envelope("shop.subscriber.opt_in", "2026-12-06T10:00:00.000001", {
      id: "s_2",
      phone_number: "+12015550113",
    });
    const stop = envelope("shop.incoming_message", "2026-12-06T10:05:00", {
      id: "im_1",
      subscriber_id: "s_2",
      from_number: "+12015550113",
      is_opt_out: true,
      body: "STOP",
    });
    const replies = await Promise.all([
      post(shop.id, optIn, token),
      post(shop.id, optIn, token),
      post(shop.id, optIn, token),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await prisma.subscriberConsent.count({ where: { shopId: shop.id } })).toBe(1);

    await post(shop.id, stop, token);
    await post(shop.id, optIn, token);
    expect(await consent(shop.id, "+12015550113")).toMatchObject({
      state: "OPTED_OUT",
      lastEventAt: new Date("2026-12-06T10:05:00Z"),
    });
  });

  it("finds the phone through the synced waitlist signup when the payload has only the subscriber id", async () => {
    const { shop, account } = await connectedShop();
    const product = await prisma.product.create({
      data: { shopId: shop.id, shopifyProductId: "1", title: "Hat", handle: "hat" },
    });
    const variant = await prisma.variant.create({
      data: { shopId: shop.id, productId: product.id, shopifyVariantId: "2", title: "Red", price: "10.00" },
    });
    await prisma.waitlistEntry.create({
      data: {
        shopId: shop.id,
        variantId: variant.id,
        customerKey: "+12015550114",
        phone: "+12015550114",
        postscriptSubscriberId: "s_pending_9",
      },
    });
    const body = envelope("shop.subscriber.opt_in", "2026-12-06T11:00:00", { subscriber_id: "s_pending_9" });
    expect((await post(shop.id, body, sandbox.webhooks.token(account.resourceId))).body.result).toBe("opted in");
    expect(await consent(shop.id, "+12015550114")).toMatchObject({ state: "OPTED_IN" });
  });

  it("acknowledges events it does not use and an ordinary reply without recording anything", async () => {
    const { shop, account } = await connectedShop();
    const token = sandbox.webhooks.token(account.resourceId);
    const hello = envelope("shop.incoming_message", "2026-12-06T11:00:00", {
      subscriber_id: "s_3",
      from_number: "+12015550115",
      is_opt_out: false,
      body: "hi",
    });
    expect(await post(shop.id, hello, token)).toMatchObject({ status: 200, body: { result: "ignored" } });
    expect(await post(shop.id, envelope("shop.test", "2026-12-06T11:00:00", {}), token)).toMatchObject({ status: 200 });
    expect(await post(shop.id, "not json", token)).toMatchObject({ status: 400 });
    expect(await prisma.subscriberConsent.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
