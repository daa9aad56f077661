import { describe, expect, it } from "vitest";
import { DEMO_CATALOG } from "./demo-catalog";
import { buildScenario, webhookEndpoint, type PlayOptions } from "./play-webhooks";
import {
  appUninstalledPayload,
  customersDataRequestPayload,
  customersRedactPayload,
  inventoryLevelPayload,
  orderPayload,
} from "./webhook-payloads";
import {
  customersDataRequestPayloadSchema,
  customersRedactPayloadSchema,
  inventoryLevelPayloadSchema,
  orderPayloadSchema,
  productPayloadSchema,
} from "./shopify-payload-schemas";
import { verifyWebhookHmac } from "./verify-webhook-hmac";

const options: PlayOptions = { shop: "northwind-outfitters.myshopify.com", secret: "play-secret" };
const bodyOf = (w: { body: string }) => JSON.parse(w.body) as Record<string, unknown>;

describe("play-webhooks scenarios", () => {
  it("every scenario sends correctly signed webhooks with the Shopify headers and fresh event ids", () => {
    const all = [
      ...buildScenario("restock", ["46211000000012", "5"], options),
      ...buildScenario("sellout", ["46211000000011"], options),
      ...buildScenario("order", ["46211000000031", "+16135550123", "a@example.com"], options),
      ...buildScenario("preorder", [], options),
      ...buildScenario("product-update", ["8840100000001"], options),
      ...buildScenario("catalog", [], options),
      ...buildScenario("uninstall", [], options),
      ...buildScenario("data-request", ["a@example.com"], options),
      ...buildScenario("customer-redact", ["a@example.com", "+16135550123"], options),
    ];
    for (const w of all) {
      expect(verifyWebhookHmac(w.body, w.headers["x-shopify-hmac-sha256"]!, options.secret)).toBe(true);
      expect(w.headers).toMatchObject({
        "x-shopify-shop-domain": options.shop,
        "x-shopify-event-id": w.eventId,
        "content-type": "application/json",
      });
    }
    expect(new Set(all.map((w) => w.eventId)).size).toBe(all.length);
  });

  it("restock and sellout are inventory_levels/update for the variant's inventory item at the demo location", () => {
    const [restock] = buildScenario("restock", ["46211000000012", "8"], options);
    expect(restock!.headers["x-shopify-topic"]).toBe("inventory_levels/update");
    expect(inventoryLevelPayloadSchema.parse(bodyOf(restock!))).toMatchObject({
      inventory_item_id: "48310000000012",
      location_id: "74211000001",
      available: 8,
    });
    const [sellout] = buildScenario("sellout", ["46211000000012"], options);
    expect(bodyOf(sellout!).available).toBe(0);
    expect(() => buildScenario("restock", ["999"], options)).toThrow(/--inventory-item/);
    expect(
      inventoryLevelPayloadSchema.parse(
        bodyOf(buildScenario("restock", ["999"], { ...options, inventoryItem: "55" })[0]!),
      ).inventory_item_id,
    ).toBe("55");
    expect(() => buildScenario("restock", ["46211000000012", "0"], options)).toThrow(/positive/);
  });

  it("redeliver sends one webhook three times with the same event id", () => {
    const copies = buildScenario("redeliver", [], options);
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((c) => c.eventId)).size).toBe(1);
    expect(new Set(copies.map((c) => c.body)).size).toBe(1);
  });

  it("order, preorder and product-update carry the demo catalog's data in Shopify's shapes", () => {
    const order = orderPayloadSchema.parse(
      bodyOf(buildScenario("order", ["46211000000012", "+16135550123", "jamie@example.com"], options)[0]!),
    );
    expect(order.line_items).toMatchObject([
      {
        variant_id: "46211000000012",
        product_id: "8840100000001",
        title: "Trail Runner Jacket",
        variant_title: "Medium / Blue",
        quantity: 1,
        price: "89.00",
      },
    ]);
    expect(order).toMatchObject({
      email: "jamie@example.com",
      phone: "+16135550123",
      name: expect.stringMatching(/^#\d+$/),
    });
    const preorder = orderPayloadSchema.parse(bodyOf(buildScenario("preorder", [], options)[0]!));
    expect(preorder.line_items[0]).toMatchObject({
      variant_id: "46211000000042",
      title: "Summit Down Parka",
      variant_title: "Medium",
    });

    const update = productPayloadSchema.parse(
      bodyOf(
        buildScenario("product-update", ["8840100000001"], {
          ...options,
          title: "Trail Runner Jacket II",
          price: "95.00",
          status: "draft",
        })[0]!,
      ),
    );
    expect(update).toMatchObject({ id: "8840100000001", title: "Trail Runner Jacket II", status: "draft" });
    expect(update.variants!.map((v) => v.price)).toEqual(["95.00", "95.00", "95.00"]);
    expect(buildScenario("catalog", [], options).map((w) => productPayloadSchema.parse(bodyOf(w)).id)).toEqual(
      DEMO_CATALOG.map((p) => p.shopifyProductId),
    );
  });

  it("the privacy and uninstall payloads parse with the schemas processing uses", () => {
    expect(
      customersDataRequestPayloadSchema.parse(
        customersDataRequestPayload({
          shopDomain: options.shop,
          customer: { email: "a@b.co", id: "12" },
          ordersRequested: ["34"],
        }),
      ),
    ).toMatchObject({
      customer: { id: "12", email: "a@b.co", phone: null },
      orders_requested: ["34"],
    });
    expect(
      customersRedactPayloadSchema.parse(
        customersRedactPayload({
          shopDomain: options.shop,
          customer: { phone: "+16135550123" },
          ordersToRedact: ["5"],
        }),
      ),
    ).toMatchObject({
      customer: { phone: "+16135550123" },
      orders_to_redact: ["5"],
    });
    expect(appUninstalledPayload({ shopDomain: options.shop })).toMatchObject({ myshopify_domain: options.shop });
    expect(orderPayloadSchema.safeParse(orderPayload({ lineItems: [] })).success).toBe(true);
    expect(
      inventoryLevelPayloadSchema.safeParse(
        inventoryLevelPayload({ inventoryItemId: "1", locationId: "2", available: null }),
      ).success,
    ).toBe(true);
  });

  it("rejects unknown scenarios and missing arguments with the usage", () => {
    expect(() => buildScenario("explode", [], options)).toThrow(/Unknown scenario "explode"/);
    expect(() => buildScenario("data-request", [], options)).toThrow(/Missing email/);
    expect(() => buildScenario("product-update", ["1"], options)).toThrow(/not in the demo catalog/);
  });

  it("posts to /api/webhooks/shopify of the app's base URL", () => {
    expect(webhookEndpoint("http://localhost:3000")).toBe("http://localhost:3000/api/webhooks/shopify");
    expect(webhookEndpoint("http://localhost:3000/")).toBe("http://localhost:3000/api/webhooks/shopify");
    expect(webhookEndpoint("https://tunnel.example/custom/hook")).toBe("https://tunnel.example/custom/hook");
  });
});
