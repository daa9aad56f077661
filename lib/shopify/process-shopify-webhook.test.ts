import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { seedDemoCatalog } from "@/lib/db/seed-demo-catalog";
import { AppError } from "@/lib/errors/app-error";
import { createShop } from "@/lib/testing/fixtures";
import { DEMO_CATALOG, DEMO_LOCATION } from "./demo-catalog";
import type { OrderLineItem } from "./order-line-item";
import { processShopifyWebhook } from "./process-shopify-webhook";
import { REDACTED } from "./redact-customer";
import {
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  inventoryLevelPayload,
  orderPayload,
  productPayload,
  shopRedactPayload,
} from "./webhook-payloads";
import { storeWebhookEvent } from "./webhook-test-helpers";

const jacket = DEMO_CATALOG[0]!;
const parka = DEMO_CATALOG[3]!;
const variantOf = (shopId: string, shopifyVariantId: string) =>
  prisma.variant.findUniqueOrThrow({ where: { shopId_shopifyVariantId: { shopId, shopifyVariantId } } });

async function process(shop: { id: string; domain: string }, topic: string, payload: unknown) {
  const event = await storeWebhookEvent(shop, topic, payload);
  const result = await processShopifyWebhook(event.id);
  return { event, result };
}

function orderOf(
  variant: { shopifyVariantId: string; title: string; price: string },
  product: { shopifyProductId: string; title: string },
  contact: {
    email?: string | null;
    phone?: string | null;
    shippingPhone?: string | null;
    orderId?: string;
    customerId?: string;
  } = {},
) {
  return orderPayload({
    orderId: contact.orderId,
    email: contact.email ?? null,
    phone: contact.phone ?? null,
    shippingPhone: contact.shippingPhone ?? null,
    customer: {
      id: contact.customerId,
      firstName: "Jamie",
      lastName: "Rivera",
      email: contact.email ?? null,
      phone: contact.phone ?? null,
    },
    lineItems: [
      {
        productId: product.shopifyProductId,
        variantId: variant.shopifyVariantId,
        title: product.title,
        variantTitle: variant.title,
        price: variant.price,
        quantity: 1,
      },
    ],
  });
}

describe("processShopifyWebhook: products", () => {
  it("products/create adds the product and its variants to the local catalog", async () => {
    const shop = await createShop();
    const { result } = await process(shop, "products/create", productPayload(jacket));
    expect(result).toMatchObject({
      outcome: "processed",
      topic: "products/create",
      detail: { upserted: 3, deleted: 0, stockApplied: 0 },
    });

    const product = await prisma.product.findUniqueOrThrow({
      where: { shopId_shopifyProductId: { shopId: shop.id, shopifyProductId: jacket.shopifyProductId } },
      include: { variants: { orderBy: { shopifyVariantId: "asc" } } },
    });
    expect(product).toMatchObject({
      title: "Trail Runner Jacket",
      vendor: "Northwind",
      handle: "trail-runner-jacket",
      imageUrl: jacket.imageUrl,
      published: true,
    });
    expect(
      product.variants.map((v) => [
        v.shopifyVariantId,
        v.title,
        v.price,
        v.compareAtPrice,
        v.sku,
        v.inventoryItemId,
        v.available,
      ]),
    ).toEqual(
      jacket.variants.map((v) => [
        v.shopifyVariantId,
        v.title,
        v.price,
        v.compareAtPrice,
        v.sku,
        v.inventoryItemId,
        v.available,
      ]),
    );
  });

  it("products/update changes fields, keeps our preorder settings, deletes dropped variants and feeds stock to the engine", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const medium = await variantOf(shop.id, "46211000000042");
    expect(medium).toMatchObject({ preorder: true, available: 0 });
    const large = await variantOf(shop.id, "46211000000043");
    await prisma.waitlistEntry.create({
      data: { shopId: shop.id, variantId: large.id, customerKey: "+16135550100", phone: "+16135550100" },
    });

    const { result } = await process(
      shop,
      "products/update",
      productPayload({
        ...parka,
        title: "Summit Down Parka 2.0",
        variants: [
          { ...parka.variants[0]!, price: "229.00" },
          { ...parka.variants[1]!, available: 3 },
        ],
      }),
    );
    expect(result).toMatchObject({ outcome: "processed", detail: { upserted: 2, deleted: 1, stockApplied: 2 } });

    const product = await prisma.product.findUniqueOrThrow({
      where: { shopId_shopifyProductId: { shopId: shop.id, shopifyProductId: parka.shopifyProductId } },
    });
    expect(product.title).toBe("Summit Down Parka 2.0");
    expect(await variantOf(shop.id, "46211000000041")).toMatchObject({ price: "229.00", available: 2 });
    expect(await variantOf(shop.id, "46211000000042")).toMatchObject({
      preorder: true,
      shippingTimeline: "Ships by December 15",
      available: 3,
    });
    expect(await prisma.variant.findUnique({ where: { id: large.id } })).toBeNull();
    expect(await prisma.waitlistEntry.count({ where: { variantId: large.id } })).toBe(0);
    // 0 → 3 on a published product of an installed shop is a restock, decided by the engine.
    expect(
      await prisma.restock.findMany({ where: { shopId: shop.id }, select: { variantId: true, trigger: true } }),
    ).toEqual([{ variantId: medium.id, trigger: "INVENTORY" }]);
  });

  it("a draft or unpublished product is stored unpublished; a payload without variants leaves them alone", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const draft = productPayload({ ...jacket, status: "draft" });
    await process(shop, "products/update", draft);
    const product = () =>
      prisma.product.findUniqueOrThrow({
        where: { shopId_shopifyProductId: { shopId: shop.id, shopifyProductId: jacket.shopifyProductId } },
      });
    expect((await product()).published).toBe(false);
    await process(shop, "products/update", productPayload({ ...jacket, status: "active", publishedAt: null }));
    expect((await product()).published).toBe(false);

    const { variants: _omitted, ...withoutVariants } = productPayload({ ...jacket, title: "Renamed" });
    await process(shop, "products/update", withoutVariants);
    expect((await product()).title).toBe("Renamed");
    expect(await prisma.variant.count({ where: { productId: (await product()).id } })).toBe(3);
  });
});

describe("processShopifyWebhook: inventory_levels/update", () => {
  it("stores the level per location and gives the variant the sum over locations", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const item = "48310000000012";
    await process(
      shop,
      "inventory_levels/update",
      inventoryLevelPayload({ inventoryItemId: item, locationId: DEMO_LOCATION.id, available: 2 }),
    );
    const { result } = await process(
      shop,
      "inventory_levels/update",
      inventoryLevelPayload({ inventoryItemId: item, locationId: "74211000002", available: 3 }),
    );
    expect(result).toMatchObject({ outcome: "processed", detail: { variants: [{ available: 5 }] } });
    expect((await variantOf(shop.id, "46211000000012")).available).toBe(5);
    expect(await prisma.inventoryLevel.count({ where: { shopId: shop.id, inventoryItemId: item } })).toBe(2);
    expect(await prisma.restock.count({ where: { shopId: shop.id } })).toBe(1);

    // The item stops being tracked at the second location: only the first counts.
    await process(
      shop,
      "inventory_levels/update",
      inventoryLevelPayload({ inventoryItemId: item, locationId: "74211000002", available: null }),
    );
    expect((await variantOf(shop.id, "46211000000012")).available).toBe(2);
  });

  it("an inventory item we have no variant for is stored and changes nothing else", async () => {
    const shop = await createShop();
    const { result } = await process(
      shop,
      "inventory_levels/update",
      inventoryLevelPayload({ inventoryItemId: "999", locationId: "1", available: 9 }),
    );
    expect(result).toMatchObject({ outcome: "processed", detail: { variants: [] } });
    expect(await prisma.inventoryLevel.count({ where: { shopId: shop.id } })).toBe(1);
  });
});

describe("processShopifyWebhook: orders/create", () => {
  it("stores the order with its contact in E.164/lowercase and line items mapped to our variants", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const socks = DEMO_CATALOG[2]!;
    const payload = orderOf(socks.variants[0]!, socks, {
      email: "Jamie.Rivera@Example.com",
      shippingPhone: "(802) 555-0142",
      orderId: "5900000000123",
    });
    payload.line_items.push({
      ...payload.line_items[0]!,
      id: 77,
      variant_id: 123456,
      title: "Gift card",
      variant_title: null,
    });
    const { result } = await process(shop, "orders/create", payload);
    expect(result.outcome).toBe("processed");

    const order = await prisma.order.findUniqueOrThrow({
      where: { shopId_shopifyOrderId: { shopId: shop.id, shopifyOrderId: "5900000000123" } },
    });
    expect(order).toMatchObject({
      name: payload.name,
      email: "jamie.rivera@example.com",
      phone: "+18025550142",
      customerName: "Jamie Rivera",
    });
    const socksVariant = await variantOf(shop.id, socks.variants[0]!.shopifyVariantId);
    expect(order.lineItems as OrderLineItem[]).toEqual([
      expect.objectContaining({
        shopifyVariantId: socks.variants[0]!.shopifyVariantId,
        variantId: socksVariant.id,
        title: socks.title,
        variantTitle: "S/M",
        quantity: 1,
        price: "18.00",
      }),
      expect.objectContaining({ shopifyVariantId: "123456", variantId: null, title: "Gift card" }),
    ]);

    // The same order delivered again (another event id) updates the same row.
    await process(shop, "orders/create", payload);
    expect(await prisma.order.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("hands the order to the engine: the buyer's waitlist entry for that variant becomes PURCHASED", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const variant = await variantOf(shop.id, "46211000000012");
    const entry = await prisma.waitlistEntry.create({
      data: {
        shopId: shop.id,
        variantId: variant.id,
        customerKey: "+16135550177",
        phone: "+16135550177",
        name: "Jamie",
        status: "NOTIFIED",
      },
    });
    await process(shop, "orders/create", orderOf(jacket.variants[1]!, jacket, { phone: "+1 613 555 0177" }));
    expect((await prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("PURCHASED");
  });

  it("an order with a preorder item leads to a preorder_sms_confirmed delivery in the ledger", async () => {
    const shop = await createShop();
    await seedDemoCatalog(prisma, shop.id);
    const { result } = await process(
      shop,
      "orders/create",
      orderOf(parka.variants[1]!, parka, { phone: "+16135550188", email: "pre@example.com" }),
    );
    const orderId = (result.detail as { orderId: string }).orderId;
    const deliveries = await prisma.delivery.findMany({ where: { shopId: shop.id, orderId } });
    expect(deliveries.map((d) => d.eventType)).toEqual(["preorder_sms_confirmed"]);
  });
});

describe("processShopifyWebhook: app/uninstalled", () => {
  it("marks the shop uninstalled, deletes the stored Postscript key and audits it once", async () => {
    const shop = await createShop();
    await prisma.integration.create({
      data: {
        provider: "POSTSCRIPT",
        shopId: shop.id,
        encryptedKey: "v1:ciphertext",
        keyLast4: "9f3a",
        verification: "VERIFIED",
        enabled: true,
        accountName: "Northwind",
      },
    });
    await process(shop, "app/uninstalled", appUninstalledPayload({ shopDomain: shop.domain }));
    const after = await prisma.shop.findUniqueOrThrow({
      where: { id: shop.id },
      include: { integrations: { where: { provider: "POSTSCRIPT" } } },
    });
    expect(after.uninstalledAt).toBeInstanceOf(Date);
    expect(after.integrations[0]).toMatchObject({ encryptedKey: null, keyLast4: null, enabled: false });
    const audits = await prisma.auditLog.findMany({ where: { shopId: shop.id, action: "shop.uninstalled" } });
    expect(audits).toMatchObject([{ actorType: "SYSTEM", metadata: { postscriptKeyDeleted: true } }]);

    await process(shop, "app/uninstalled", appUninstalledPayload({ shopDomain: shop.domain }));
    expect((await prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).uninstalledAt).toEqual(
      after.uninstalledAt,
    );
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "shop.uninstalled" } })).toBe(1);
  });
});

/** A shop where customer "Jamie" (email + phone) and another customer both left data. */
async function shopWithCustomers() {
  const shop = await createShop();
  await seedDemoCatalog(prisma, shop.id);
  const variant = await variantOf(shop.id, "46211000000012");
  const jamie = { email: "jamie@example.com", phone: "+16135550123", customerId: "7400000000001" };
  const mine = await prisma.waitlistEntry.create({
    data: {
      shopId: shop.id,
      variantId: variant.id,
      customerKey: jamie.phone,
      phone: jamie.phone,
      email: "Jamie@Example.com",
      name: "Jamie",
    },
  });
  const byEmail = await prisma.waitlistEntry.create({
    data: {
      shopId: shop.id,
      variantId: (await variantOf(shop.id, "46211000000022")).id,
      customerKey: jamie.email,
      email: jamie.email,
      name: "Jamie",
    },
  });
  const theirs = await prisma.waitlistEntry.create({
    data: { shopId: shop.id, variantId: variant.id, customerKey: "+16135550999", phone: "+16135550999", name: "Other" },
  });
  const noContact = await prisma.waitlistEntry.create({
    data: { shopId: shop.id, variantId: variant.id, customerKey: "no-contact", name: "Nobody" },
  });

  // Jamie's order arrives through the webhook (so its payload, with the customer id, is stored), plus one from someone else.
  const jamieOrder = orderOf(jacket.variants[0]!, jacket, {
    email: jamie.email,
    shippingPhone: "613-555-0123",
    orderId: "5900000000001",
    customerId: jamie.customerId,
  });
  jamieOrder.phone = null;
  jamieOrder.customer!.phone = null;
  await process(shop, "orders/create", jamieOrder);
  await process(
    shop,
    "orders/create",
    orderOf(jacket.variants[0]!, jacket, { email: "other@example.com", orderId: "5900000000002" }),
  );
  const stock = (
    await process(
      shop,
      "inventory_levels/update",
      inventoryLevelPayload({ inventoryItemId: "48310000000011", locationId: DEMO_LOCATION.id, available: 9 }),
    )
  ).event;

  const delivery = (
    key: string,
    to: { recipientPhone?: string; recipientEmail?: string },
    cause: { waitlistEntryId?: string } = {},
  ) =>
    prisma.delivery.create({
      data: {
        shopId: shop.id,
        provider: "POSTSCRIPT",
        eventType: "back_in_stock_sms_alert",
        idempotencyKey: `${shop.id}:${key}`,
        properties: { customer_name: "x" },
        ...to,
        ...cause,
      },
    });
  await delivery("jamie-phone", { recipientPhone: jamie.phone }, { waitlistEntryId: mine.id });
  await delivery("jamie-email", { recipientEmail: jamie.email });
  await delivery("other", { recipientPhone: "+16135550999" }, { waitlistEntryId: theirs.id });
  return { shop, jamie, mine, byEmail, theirs, noContact, stock };
}

describe("processShopifyWebhook: customers/data_request", () => {
  it("records everything held about the customer as a gdpr.data_request audit entry, and nothing about others", async () => {
    const { shop, jamie } = await shopWithCustomers();
    const { result } = await process(
      shop,
      "customers/data_request",
      customersDataRequestPayload({
        shopDomain: shop.domain,
        customer: { id: jamie.customerId, email: jamie.email, phone: jamie.phone },
        dataRequestId: "9999",
      }),
    );
    expect(result).toMatchObject({
      outcome: "processed",
      detail: { counts: { waitlistEntries: 2, orders: 1, deliveries: 2 } },
    });
    const [audit] = await prisma.auditLog.findMany({ where: { shopId: shop.id, action: "gdpr.data_request" } });
    const meta = audit!.metadata as {
      dataRequestId: string;
      export: {
        waitlistEntries: { product: string; phone: string | null }[];
        orders: { shopifyOrderId: string }[];
        deliveries: unknown[];
      };
    };
    expect(audit!.actorType).toBe("SYSTEM");
    expect(meta.dataRequestId).toBe("9999");
    expect(meta.export.waitlistEntries.map((w) => w.product)).toEqual(["Trail Runner Jacket", "Merino Beanie"]);
    expect(meta.export.orders.map((o) => o.shopifyOrderId)).toEqual(["5900000000001"]);
    expect(JSON.stringify(meta)).not.toContain("+16135550999");
    expect(JSON.stringify(meta)).not.toContain("other@example.com");
  });
});

describe("processShopifyWebhook: customers/redact", () => {
  it("deletes a signup made while logged in as the customer, whatever contact it was given", async () => {
    const { shop, jamie, mine } = await shopWithCustomers();
    const loggedIn = await prisma.waitlistEntry.create({
      data: {
        shopId: shop.id,
        variantId: (await variantOf(shop.id, "46211000000022")).id,
        customerKey: "j.rivera@work.example",
        email: "j.rivera@work.example",
        shopifyCustomerId: jamie.customerId,
      },
    });
    const { result } = await process(
      shop,
      "customers/redact",
      customersRedactPayload({ shopDomain: shop.domain, customer: { id: jamie.customerId } }),
    );
    expect(result).toMatchObject({ outcome: "processed", detail: { waitlistEntries: 1 } });
    expect(await prisma.waitlistEntry.findUnique({ where: { id: loggedIn.id } })).toBeNull();
    expect(await prisma.waitlistEntry.findUnique({ where: { id: mine.id } })).not.toBeNull();
  });

  it("really deletes the customer's entries, orders and deliveries, scrubs stored payloads, and audits counts only", async () => {
    const { shop, jamie, mine, byEmail, theirs, noContact, stock } = await shopWithCustomers();
    for (const phone of ["+16135550123", "+16135550999"]) {
      await prisma.subscriberConsent.create({
        data: { shopId: shop.id, phone, state: "OPTED_IN", optedInAt: new Date(), lastEventAt: new Date() },
      });
    }
    await process(
      shop,
      "customers/data_request",
      customersDataRequestPayload({ shopDomain: shop.domain, customer: { email: jamie.email } }),
    );

    const { event, result } = await process(
      shop,
      "customers/redact",
      customersRedactPayload({
        shopDomain: shop.domain,
        customer: { id: jamie.customerId, email: jamie.email, phone: jamie.phone },
        ordersToRedact: ["5900000000001"],
      }),
    );
    expect(result).toMatchObject({
      outcome: "processed",
      detail: { waitlistEntries: 2, orders: 1, deliveries: 2, dataRequests: 1 },
    });

    expect(await prisma.waitlistEntry.findMany({ where: { id: { in: [mine.id, byEmail.id] } } })).toEqual([]);
    expect((await prisma.waitlistEntry.findMany({ where: { id: { in: [theirs.id, noContact.id] } } })).length).toBe(2);
    expect((await prisma.order.findMany({ where: { shopId: shop.id } })).map((o) => o.shopifyOrderId)).toEqual([
      "5900000000002",
    ]);
    expect((await prisma.delivery.findMany({ where: { shopId: shop.id } })).map((d) => d.recipientPhone)).toEqual([
      "+16135550999",
    ]);
    expect((await prisma.subscriberConsent.findMany({ where: { shopId: shop.id } })).map((c) => c.phone)).toEqual([
      "+16135550999",
    ]);

    // Nothing stored anywhere still carries Jamie's email or phone (in any format).
    const events = await prisma.webhookEvent.findMany({ where: { shopId: shop.id } });
    const text = JSON.stringify(events.map((e) => e.payload)).toLowerCase();
    expect(text).not.toContain("jamie@example.com");
    expect(text).not.toContain("613-555-0123");
    expect(text).not.toContain("+16135550123");
    expect(text).toContain("other@example.com");
    const orderEvent = events.find(
      (e) => e.topic === "orders/create" && (e.payload as { id: number }).id === 5900000000001,
    );
    expect(orderEvent?.payload).toEqual({ id: 5900000000001, redacted: true });
    expect((events.find((e) => e.id === event.id)?.payload as { customer: { email: string } }).customer.email).toBe(
      REDACTED,
    );
    expect(events.find((e) => e.id === stock.id)?.payload).toEqual(stock.payload);
    const audits = await prisma.auditLog.findMany({ where: { shopId: shop.id } });
    expect(JSON.stringify(audits).toLowerCase()).not.toContain("jamie@example.com");
    expect(audits.find((a) => a.action === "gdpr.customers_redact")?.metadata).toEqual({
      waitlistEntries: 2,
      orders: 1,
      deliveries: 2,
      webhookEvents: 3,
      dataRequests: 1,
    });
  });

  it("a request naming no email, phone or known order deletes nothing", async () => {
    const { shop } = await shopWithCustomers();
    const before = {
      entries: await prisma.waitlistEntry.count({ where: { shopId: shop.id } }),
      orders: await prisma.order.count({ where: { shopId: shop.id } }),
    };
    const { result } = await process(
      shop,
      "customers/redact",
      customersRedactPayload({ shopDomain: shop.domain, customer: { id: "1" }, ordersToRedact: [] }),
    );
    expect(result).toMatchObject({ detail: { waitlistEntries: 0, orders: 0, deliveries: 0 } });
    expect(await prisma.waitlistEntry.count({ where: { shopId: shop.id } })).toBe(before.entries);
    expect(await prisma.order.count({ where: { shopId: shop.id } })).toBe(before.orders);
  });
});

describe("processShopifyWebhook: shop/redact", () => {
  it("deletes the shop uninstalled 48 hours ago and everything it owns, and leaves other shops alone", async () => {
    const { shop } = await shopWithCustomers();
    const other = await createShop();
    await seedDemoCatalog(prisma, other.id);
    await prisma.shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date(Date.now() - 49 * 3600_000) } });

    const { result } = await process(shop, "shop/redact", shopRedactPayload({ shopDomain: shop.domain }));
    expect(result).toMatchObject({
      outcome: "processed",
      detail: { deleted: true, counts: { products: 6, variants: 15, waitlistEntries: 4, orders: 2, deliveries: 3 } },
    });
    expect(await prisma.shop.findUnique({ where: { id: shop.id } })).toBeNull();
    for (const count of [
      prisma.product.count({ where: { shopId: shop.id } }),
      prisma.variant.count({ where: { shopId: shop.id } }),
      prisma.waitlistEntry.count({ where: { shopId: shop.id } }),
      prisma.order.count({ where: { shopId: shop.id } }),
      prisma.delivery.count({ where: { shopId: shop.id } }),
      prisma.webhookEvent.count({ where: { shopId: shop.id } }),
      prisma.inventoryLevel.count({ where: { shopId: shop.id } }),
    ]) {
      expect(await count).toBe(0);
    }
    expect(await prisma.variant.count({ where: { shopId: other.id } })).toBe(15);
    const audit = await prisma.auditLog.findFirst({
      where: { action: "gdpr.shop_redact", metadata: { path: ["shopDomain"], equals: shop.domain } },
    });
    expect(audit).toMatchObject({ shopId: null, actorType: "SYSTEM" });
  });
});

describe("processShopifyWebhook: bookkeeping", () => {
  it("is idempotent: a processed event is skipped", async () => {
    const shop = await createShop();
    const { event } = await process(
      shop,
      "customers/data_request",
      customersDataRequestPayload({ shopDomain: shop.domain, customer: { email: "x@example.com" } }),
    );
    expect(await processShopifyWebhook(event.id)).toEqual({
      outcome: "already_processed",
      topic: "customers/data_request",
    });
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "gdpr.data_request" } })).toBe(1);
  });

  it("concurrent runs of one event in this process share one processing", async () => {
    const shop = await createShop();
    const event = await storeWebhookEvent(
      shop,
      "customers/data_request",
      customersDataRequestPayload({ shopDomain: shop.domain, customer: { email: "y@example.com" } }),
    );
    await Promise.all([
      processShopifyWebhook(event.id),
      processShopifyWebhook(event.id),
      processShopifyWebhook(event.id),
    ]);
    expect(await prisma.auditLog.count({ where: { shopId: shop.id, action: "gdpr.data_request" } })).toBe(1);
  });

  it("records the error on the event and rethrows, leaving it unprocessed for a retry", async () => {
    const shop = await createShop();
    const { title: _title, ...noTitle } = productPayload(jacket);
    const event = await storeWebhookEvent(shop, "products/update", noTitle);
    const error = await processShopifyWebhook(event.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    const row = await prisma.webhookEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.processedAt).toBeNull();
    expect(row.error).toMatch(/^Unexpected products\/update payload: title/);
  });

  it("reports an event that no longer exists (its shop was redacted) as not found", async () => {
    expect(await processShopifyWebhook(randomUUID())).toEqual({ outcome: "not_found" });
  });
});
