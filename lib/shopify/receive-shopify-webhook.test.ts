import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/shopify/route";
import { prisma } from "@/lib/db/prisma";
import { seedDemoCatalog } from "@/lib/db/seed-demo-catalog";
import { createShop } from "@/lib/testing/fixtures";
import {
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  inventoryLevelPayload,
  orderPayload,
  productPayload,
  shopRedactPayload,
} from "./webhook-payloads";
import { signWebhookBody } from "./signed-webhook";
import { MAX_WEBHOOK_BYTES, receiveShopifyWebhook } from "./receive-shopify-webhook";
import { shopifyRequest, TEST_SECRET, waitForWebhook } from "./webhook-test-helpers";

const storedRows = (eventId: string) => prisma.webhookEvent.count({ where: { webhookId: eventId } });
// A location of its own per call: bodies carry a one-second timestamp, and the same body twice is a replay by design.
let nextLocation = 74_211_000_001 + Math.floor(Math.random() * 1_000_000) * 100;
const level = (available: number) =>
  inventoryLevelPayload({ inventoryItemId: "48310000000012", locationId: String(nextLocation++), available });

async function post(request: Request) {
  const res = await POST(request);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("POST /api/webhooks/shopify: refusing what is not a genuine, usable Shopify webhook", () => {
  it("answers 401 and stores nothing when the signature is forged", async () => {
    const shop = await createShop();
    const { request, eventId } = shopifyRequest("inventory_levels/update", shop.domain, level(3), {
      secret: "not-the-app-secret",
    });
    expect(await post(request)).toEqual({
      status: 401,
      body: { ok: false, error: { code: "UNAUTHENTICATED", message: "Invalid webhook signature" } },
    });
    expect(await storedRows(eventId)).toBe(0);
  });

  it("answers 401 when the signature header is missing, or the body was changed after signing", async () => {
    const shop = await createShop();
    const missing = shopifyRequest("inventory_levels/update", shop.domain, level(3), {
      headers: { "x-shopify-hmac-sha256": null },
    });
    expect((await post(missing.request)).status).toBe(401);
    const tampered = shopifyRequest("inventory_levels/update", shop.domain, level(3));
    const forged = new Request(tampered.request.url, {
      method: "POST",
      headers: tampered.request.headers,
      body: JSON.stringify(level(500)),
    });
    expect((await post(forged)).status).toBe(401);
    expect(await storedRows(missing.eventId)).toBe(0);
    expect(await storedRows(tampered.eventId)).toBe(0);
  });

  it("checks the signature before the JSON: a forged non-JSON body is 401, a signed one is 400", async () => {
    const shop = await createShop();
    const forged = shopifyRequest("orders/create", shop.domain, {}, { body: "{not json", secret: "wrong" });
    expect((await post(forged.request)).status).toBe(401);

    const { signedWebhook } = await import("./signed-webhook");
    const signed = signedWebhook("orders/create", shop.domain, {}, process.env.SHOPIFY_API_SECRET!);
    const body = "{not json";
    const { signWebhookBody } = await import("./signed-webhook");
    const request = new Request("http://app.test/api/webhooks/shopify", {
      method: "POST",
      headers: { ...signed.headers, "x-shopify-hmac-sha256": signWebhookBody(body, process.env.SHOPIFY_API_SECRET!) },
      body,
    });
    expect(await post(request)).toEqual({
      status: 400,
      body: { ok: false, error: { code: "BAD_REQUEST", message: "Webhook body is not valid JSON." } },
    });
    expect(await storedRows(signed.eventId)).toBe(0);
  });

  it("answers 413 for a body over the cap, declared or streamed without a length, before reading it all", async () => {
    const shop = await createShop();
    const declared = shopifyRequest("inventory_levels/update", shop.domain, level(3), {
      headers: { "content-length": String(MAX_WEBHOOK_BYTES + 1) },
    });
    expect((await post(declared.request)).status).toBe(413);

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const { request } = shopifyRequest("inventory_levels/update", shop.domain, level(3));
    const streamed = new Request(request.url, {
      method: "POST",
      headers: request.headers,
      body: endless,
      duplex: "half",
    } as RequestInit);
    const reply = await post(streamed);
    expect(reply).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
    expect(pulled).toBeLessThan(MAX_WEBHOOK_BYTES + 256 * 1024);
  });

  it("answers 400 for missing or malformed Shopify headers", async () => {
    const shop = await createShop();
    const cases: [Record<string, string | null>, RegExp][] = [
      [{ "x-shopify-topic": null }, /X-Shopify-Topic/],
      [{ "x-shopify-shop-domain": null }, /X-Shopify-Shop-Domain/],
      [{ "x-shopify-shop-domain": "evil.example.com" }, /myshopify\.com/],
      [{ "x-shopify-event-id": null, "x-shopify-webhook-id": null }, /X-Shopify-Event-Id/],
      [{ "x-shopify-event-id": "has spaces and ; semicolons" }, /X-Shopify-Event-Id/],
    ];
    for (const [headers, message] of cases) {
      const { request } = shopifyRequest("inventory_levels/update", shop.domain, level(3), { headers });
      const reply = await post(request);
      expect(reply.status).toBe(400);
      expect((reply.body.error as { message: string }).message).toMatch(message);
    }
    expect(await prisma.webhookEvent.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("falls back to X-Shopify-Webhook-Id when there is no event id", async () => {
    const shop = await createShop();
    const webhookId = randomUUID();
    const { request } = shopifyRequest("inventory_levels/update", shop.domain, level(3), {
      headers: { "x-shopify-event-id": null, "x-shopify-webhook-id": webhookId },
    });
    expect((await post(request)).body).toMatchObject({ ok: true, result: "accepted" });
    await waitForWebhook(webhookId);
  });

  it("answers 200 and stores nothing for an unknown shop or a topic it does not handle, saying why", async () => {
    const unknown = shopifyRequest("inventory_levels/update", "nobody-here.myshopify.com", level(3));
    expect(await post(unknown.request)).toEqual({
      status: 200,
      body: { ok: true, result: "ignored", message: "Unknown shop nobody-here.myshopify.com; nothing stored." },
    });
    const shop = await createShop();
    const other = shopifyRequest("carts/update", shop.domain, { id: 1 });
    expect((await post(other.request)).body).toMatchObject({
      result: "ignored",
      message: expect.stringContaining("carts/update"),
    });
    const privacy = shopifyRequest(
      "shop/redact",
      "long-gone.myshopify.com",
      shopRedactPayload({ shopDomain: "long-gone.myshopify.com" }),
    );
    expect((await post(privacy.request)).body).toMatchObject({
      result: "ignored",
      message: expect.stringContaining("No data is held"),
    });
    expect(await storedRows(unknown.eventId)).toBe(0);
    expect(await storedRows(other.eventId)).toBe(0);
    expect(await storedRows(privacy.eventId)).toBe(0);
  });

  it("ignores catalog and order webhooks for an uninstalled shop but still honours privacy requests", async () => {
    const shop = await createShop();
    await prisma.shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date() } });
    const stock = shopifyRequest("inventory_levels/update", shop.domain, level(3));
    expect((await post(stock.request)).body).toMatchObject({
      result: "ignored",
      message: expect.stringContaining("uninstalled"),
    });
    expect(await storedRows(stock.eventId)).toBe(0);

    const request = shopifyRequest(
      "customers/data_request",
      shop.domain,
      customersDataRequestPayload({ shopDomain: shop.domain, customer: { email: "a@example.com" } }),
    );
    expect((await post(request.request)).body).toMatchObject({ result: "accepted" });
    expect((await waitForWebhook(request.eventId)).processedAt).not.toBeNull();
  });
});

describe("POST /api/webhooks/shopify: accepting and de-duplicating", () => {
  it("stores a genuine webhook, answers at once and processes it after the response", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const { request, eventId } = shopifyRequest("inventory_levels/update", shop.domain, level(4));
    const reply = await post(request);
    expect(reply).toMatchObject({ status: 200, body: { ok: true, result: "accepted", message: "Queued." } });
    const row = await waitForWebhook(eventId);
    expect(row).toMatchObject({
      shopId: shop.id,
      shopDomain: shop.domain,
      topic: "inventory_levels/update",
      error: null,
    });
    expect(row.processedAt).not.toBeNull();
    const variant = await prisma.variant.findUniqueOrThrow({
      where: { shopId_shopifyVariantId: { shopId: shop.id, shopifyVariantId: "46211000000012" } },
    });
    expect(variant.available).toBe(4);
  });

  it("takes the same event delivered three times as one: one row, one processing, two 'duplicate' answers", async () => {
    const shop = await createShop();
    const payload = customersDataRequestPayload({ shopDomain: shop.domain, customer: { email: "dup@example.com" } });
    const eventId = randomUUID();
    const replies = [];
    for (let i = 0; i < 3; i++)
      replies.push(await post(shopifyRequest("customers/data_request", shop.domain, payload, { eventId }).request));
    expect(replies.map((r) => r.body.result)).toEqual(["accepted", "duplicate", "duplicate"]);
    await waitForWebhook(eventId);
    // Redelivery after processing is a duplicate too.
    const late = await post(shopifyRequest("customers/data_request", shop.domain, payload, { eventId }).request);
    expect(late.body).toMatchObject({ result: "duplicate", message: expect.stringContaining("processed") });
    await new Promise((r) => setTimeout(r, 200));
    expect(await storedRows(eventId)).toBe(1);
    // Each processing of a data request writes one export: exactly one.
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "gdpr.data_request" } })).toBe(1);
  });

  it("takes three concurrent deliveries of one restock as one restock", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const eventId = randomUUID();
    const replies = await Promise.all(
      [0, 1, 2].map(() => post(shopifyRequest("inventory_levels/update", shop.domain, level(6), { eventId }).request)),
    );
    expect(replies.map((r) => r.body.result).sort()).toEqual(["accepted", "duplicate", "duplicate"]);
    await waitForWebhook(eventId);
    expect(await storedRows(eventId)).toBe(1);
    expect(await prisma.restock.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("queues a redelivered event again when the first copy was never processed", async () => {
    const shop = await createShop();
    const payload = customersDataRequestPayload({
      shopDomain: shop.domain,
      customer: { email: "requeue@example.com" },
    });
    const eventId = randomUUID();
    // The first copy was stored but queueing failed (the row carries the reason, as receiveShopifyWebhook leaves it).
    await prisma.webhookEvent.create({
      data: {
        shopId: shop.id,
        shopDomain: shop.domain,
        webhookId: eventId,
        topic: "customers/data_request",
        payload,
        error: "Could not queue the webhook: fetch failed",
      },
    });
    const reply = await post(shopifyRequest("customers/data_request", shop.domain, payload, { eventId }).request);
    expect(reply.body).toMatchObject({ result: "requeued" });
    const row = await waitForWebhook(eventId);
    expect(row.processedAt).not.toBeNull();
    expect(row.error).toBeNull();
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "gdpr.data_request" } })).toBe(1);
  });

  it("queues each webhook of a concurrent burst exactly once after its answer, redeliveries included", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const webhooks = Array.from({ length: 12 }, () => ({ payload: level(3), eventId: randomUUID() }));
    // Each webhook delivered three times at once, all 36 requests together.
    const replies = await Promise.all(
      webhooks.flatMap(({ payload, eventId }) =>
        [0, 1, 2].map(() => post(shopifyRequest("inventory_levels/update", shop.domain, payload, { eventId }).request)),
      ),
    );
    expect(replies.filter((r) => r.body.result === "accepted")).toHaveLength(12);
    expect(replies.filter((r) => r.body.result === "duplicate")).toHaveLength(24);
    const rows = await Promise.all(webhooks.map(({ eventId }) => waitForWebhook(eventId)));
    const rowIds = new Set(rows.map((row) => row.id));
    const queued = (await prisma.job.findMany({ where: { name: "process-shopify-webhook" }, select: { data: true } }))
      .map((job) => (job.data as { webhookEventId: string }).webhookEventId)
      .filter((id) => rowIds.has(id));
    expect(queued.sort()).toEqual([...rowIds].sort());
    expect(await prisma.webhookEvent.count({ where: { shopId: shop.id } })).toBe(12);
    expect(rows.every((row) => row.attempts === 1 && row.error === null)).toBe(true);
  });

  // How fast the answer is belongs to a benchmark (issue 7's webhook intake bench), not to a timed test.
  it("accepts a run of webhooks one after another and processes each exactly once", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const eventIds: string[] = [];
    for (let i = 0; i < 30; i++) {
      // Each a different stock level: the same body again under a new event id would be a replay (see below).
      const { request, eventId } = shopifyRequest("inventory_levels/update", shop.domain, level(2 + i));
      eventIds.push(eventId);
      const reply = await receiveShopifyWebhook(request);
      expect(reply.status).toBe(200);
    }
    for (const id of eventIds) await waitForWebhook(id);
    expect(await prisma.webhookEvent.count({ where: { webhookId: { in: eventIds } } })).toBe(30);
  });
});

/** Shopify's published sample order id: above 2^53, so a JavaScript number cannot hold it. */
const BIG_ID = "820982911946154508";

/**
 * A signed request whose body holds `"BIG:<digits>"` strings as bare JSON numbers, the way Shopify writes ids
 * (JSON.stringify cannot write a number above 2^53 exactly).
 */
function bareNumberRequest(topic: string, shopDomain: string, payload: unknown, options: { eventId?: string } = {}) {
  const body = JSON.stringify(payload).replace(/"BIG:(\d+)"/g, "$1");
  const { request, eventId } = shopifyRequest(
    topic,
    shopDomain,
    {},
    { ...options, body, headers: { "x-shopify-hmac-sha256": signWebhookBody(body, TEST_SECRET()) } },
  );
  return { request, eventId, body };
}

describe("POST /api/webhooks/shopify: headers tied to the signed body", () => {
  it("takes a captured body replayed under a new event id as a duplicate: one row, processed once", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const first = bareNumberRequest("inventory_levels/update", shop.domain, level(7));
    expect((await post(first.request)).body).toMatchObject({ result: "accepted" });
    await waitForWebhook(first.eventId);
    const replay = shopifyRequest(
      "inventory_levels/update",
      shop.domain,
      {},
      { body: first.body, headers: { "x-shopify-hmac-sha256": first.request.headers.get("x-shopify-hmac-sha256") } },
    );
    const reply = await post(replay.request);
    expect(reply).toMatchObject({
      status: 200,
      body: {
        ok: true,
        result: "duplicate",
        message: `The same signed body was already received as event ${first.eventId}; not processed again.`,
      },
    });
    expect(await storedRows(replay.eventId)).toBe(0);
    expect(await prisma.webhookEvent.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("refuses a body captured from one shop and replayed with another shop's domain (400), changing nothing there", async () => {
    const [a, b] = [await createShop(), await createShop()];
    await seedDemoCatalog(prisma, a.id);
    await seedDemoCatalog(prisma, b.id);
    const original = bareNumberRequest("inventory_levels/update", a.domain, level(40));
    expect((await post(original.request)).status).toBe(200);
    await waitForWebhook(original.eventId);
    const before = await prisma.variant.findMany({
      where: { shopId: b.id },
      select: { id: true, available: true },
      orderBy: { id: "asc" },
    });
    const replay = shopifyRequest(
      "inventory_levels/update",
      b.domain,
      {},
      {
        body: original.body,
        headers: { "x-shopify-hmac-sha256": original.request.headers.get("x-shopify-hmac-sha256") },
      },
    );
    expect(await post(replay.request)).toEqual({
      status: 400,
      body: {
        ok: false,
        error: { code: "BAD_REQUEST", message: "This signed body was already delivered for another shop; refused." },
      },
    });
    expect(await storedRows(replay.eventId)).toBe(0);
    expect(
      await prisma.variant.findMany({
        where: { shopId: b.id },
        select: { id: true, available: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual(before);
  });

  it("refuses privacy and uninstall bodies that name another shop than X-Shopify-Shop-Domain", async () => {
    const [a, b] = [await createShop(), await createShop()];
    const cases: [string, unknown][] = [
      ["customers/redact", customersRedactPayload({ shopDomain: a.domain, customer: { email: "jamie@example.com" } })],
      [
        "customers/data_request",
        customersDataRequestPayload({ shopDomain: a.domain, customer: { email: "jamie@example.com" } }),
      ],
      ["shop/redact", shopRedactPayload({ shopDomain: a.domain })],
      ["app/uninstalled", appUninstalledPayload({ shopDomain: a.domain })],
    ];
    for (const [topic, payload] of cases) {
      const { request, eventId } = shopifyRequest(topic, b.domain, payload);
      expect(await post(request), topic).toEqual({
        status: 400,
        body: {
          ok: false,
          error: {
            code: "BAD_REQUEST",
            message: `The body is for ${a.domain}, not ${b.domain} (X-Shopify-Shop-Domain).`,
          },
        },
      });
      expect(await storedRows(eventId)).toBe(0);
    }
    expect(await prisma.shop.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ uninstalledAt: null });
  });

  it("refuses a privacy body whose shop id is not the shop's stored Shopify id", async () => {
    const shop = await createShop();
    await prisma.shop.update({ where: { id: shop.id }, data: { shopifyShopId: "gid://shopify/Shop/77000000001" } });
    const wrong = shopifyRequest("shop/redact", shop.domain, shopRedactPayload({ shopDomain: shop.domain }));
    expect(await post(wrong.request)).toEqual({
      status: 400,
      body: {
        ok: false,
        error: { code: "BAD_REQUEST", message: `The body's shop id 60211000001 is not ${shop.domain}'s.` },
      },
    });
    expect(await prisma.shop.count({ where: { id: shop.id } })).toBe(1);
  });

  it("refuses a body whose shape is not the topic's (a stock update sent as app/uninstalled or shop/redact)", async () => {
    const shop = await createShop();
    for (const topic of ["app/uninstalled", "shop/redact", "orders/create"]) {
      const { request, eventId } = shopifyRequest(topic, shop.domain, level(3));
      const reply = await post(request);
      expect(reply, topic).toMatchObject({
        status: 400,
        body: {
          ok: false,
          error: {
            code: "BAD_REQUEST",
            message: expect.stringMatching(new RegExp(`^The body is not a ${topic} payload \\(`)),
          },
        },
      });
      expect(await storedRows(eventId)).toBe(0);
    }
    expect(await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).toMatchObject({ uninstalledAt: null });
  });

  it("does not refuse a webhook for its age (Shopify retries a failed delivery hours later)", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const triggeredAt = new Date(Date.now() - 20 * 3_600_000).toISOString();
    const late = shopifyRequest("inventory_levels/update", shop.domain, level(11), {
      headers: { "x-shopify-triggered-at": triggeredAt },
    });
    expect((await post(late.request)).body).toMatchObject({ result: "accepted" });
    await waitForWebhook(late.eventId);
  });
});

describe("POST /api/webhooks/shopify: ids above 2^53 stay exact", () => {
  it("stores and processes orders/create for Shopify's sample order id 820982911946154508", async () => {
    const shop = await createShop();
    const order = {
      ...orderPayload({
        email: "jamie@example.com",
        lineItems: [
          { productId: "1", variantId: "2", title: "Parka", variantTitle: null, price: "10.00", quantity: 1 },
        ],
      }),
      id: `BIG:${BIG_ID}`,
    };
    const { request, eventId } = bareNumberRequest("orders/create", shop.domain, order);
    expect((await post(request)).body).toMatchObject({ result: "accepted" });
    await waitForWebhook(eventId);
    expect(await prisma.order.findFirstOrThrow({ where: { shopId: shop.id } })).toMatchObject({
      shopifyOrderId: BIG_ID,
    });
  });

  it("keeps product, variant and inventory item ids exact through products/create and inventory_levels/update", async () => {
    const shop = await createShop();
    const variant = {
      shopifyVariantId: "1",
      inventoryItemId: "2",
      title: "Large",
      sku: "BIG-1",
      price: "30.00",
      compareAtPrice: null,
      available: 0,
    };
    const product = productPayload({
      shopifyProductId: "3",
      title: "Big Parka",
      vendor: "V",
      handle: "big-parka",
      productType: "Coat",
      tags: "",
      imageUrl: "https://cdn.example.com/p.jpg",
      variants: [variant],
    });
    const big = {
      ...product,
      id: `BIG:${BIG_ID}`,
      variants: product.variants.map((v) => ({
        ...v,
        id: "BIG:820982911946154509",
        product_id: `BIG:${BIG_ID}`,
        inventory_item_id: "BIG:820982911946154510",
      })),
    };
    const created = bareNumberRequest("products/create", shop.domain, big);
    expect((await post(created.request)).body).toMatchObject({ result: "accepted" });
    await waitForWebhook(created.eventId);
    expect(
      await prisma.variant.findFirstOrThrow({ where: { shopId: shop.id }, include: { product: true } }),
    ).toMatchObject({
      shopifyVariantId: "820982911946154509",
      inventoryItemId: "820982911946154510",
      product: { shopifyProductId: BIG_ID },
    });
    const stock = bareNumberRequest("inventory_levels/update", shop.domain, {
      ...level(9),
      inventory_item_id: "BIG:820982911946154510",
    });
    expect((await post(stock.request)).body).toMatchObject({ result: "accepted" });
    await waitForWebhook(stock.eventId);
    expect(await prisma.variant.findFirstOrThrow({ where: { shopId: shop.id } })).toMatchObject({ available: 9 });
  });
});
