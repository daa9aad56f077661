// Realistic Shopify REST webhook bodies (API 2025-10 shapes), built from plain inputs. No app imports: the
// play-webhooks script and Playwright specs use these too.
import { randomInt } from "node:crypto";
import type { DemoProduct } from "./demo-catalog";

const gid = (type: string, id: string | number) => `gid://shopify/${type}/${id}`;
const num = (id: string) => Number(id);
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "-00:00");

export type ProductPayloadInput = Omit<DemoProduct, "variants"> & {
  variants: {
    shopifyVariantId: string;
    inventoryItemId: string;
    title: string;
    sku: string;
    price: string;
    compareAtPrice: string | null;
    available: number;
  }[];
  status?: "active" | "draft" | "archived";
  publishedAt?: string | null;
};

/** A products/create or products/update body. */
export function productPayload(input: ProductPayloadInput) {
  const productId = num(input.shopifyProductId);
  const status = input.status ?? "active";
  const publishedAt =
    input.publishedAt === undefined ? (status === "active" ? "2026-09-01T10:00:00-04:00" : null) : input.publishedAt;
  const image = {
    id: productId + 1,
    product_id: productId,
    position: 1,
    alt: input.title,
    width: 1600,
    height: 1600,
    src: input.imageUrl,
    variant_ids: [],
  };
  return {
    id: productId,
    title: input.title,
    body_html: `<p>${input.title} by ${input.vendor}.</p>`,
    vendor: input.vendor,
    product_type: input.productType,
    created_at: "2026-08-20T09:15:00-04:00",
    handle: input.handle,
    updated_at: nowIso(),
    published_at: publishedAt,
    template_suffix: null,
    published_scope: "web",
    tags: input.tags,
    status,
    admin_graphql_api_id: gid("Product", productId),
    variants: input.variants.map((v, index) => ({
      id: num(v.shopifyVariantId),
      product_id: productId,
      title: v.title,
      price: v.price,
      position: index + 1,
      inventory_policy: "deny",
      compare_at_price: v.compareAtPrice,
      option1: v.title.split(" / ")[0] ?? v.title,
      option2: v.title.split(" / ")[1] ?? null,
      option3: null,
      created_at: "2026-08-20T09:15:00-04:00",
      updated_at: nowIso(),
      taxable: true,
      barcode: null,
      fulfillment_service: "manual",
      grams: 0,
      inventory_management: "shopify",
      requires_shipping: true,
      sku: v.sku,
      weight: 0,
      weight_unit: "kg",
      inventory_item_id: num(v.inventoryItemId),
      inventory_quantity: v.available,
      old_inventory_quantity: v.available,
      admin_graphql_api_id: gid("ProductVariant", v.shopifyVariantId),
      image_id: null,
    })),
    options: [
      {
        id: productId + 2,
        product_id: productId,
        name: "Title",
        position: 1,
        values: input.variants.map((v) => v.title),
      },
    ],
    images: [image],
    image,
  };
}

/** An inventory_levels/update body: one inventory item at one location. */
export function inventoryLevelPayload(input: {
  inventoryItemId: string;
  locationId: string;
  available: number | null;
}) {
  return {
    inventory_item_id: num(input.inventoryItemId),
    location_id: num(input.locationId),
    available: input.available,
    updated_at: nowIso(),
    admin_graphql_api_id: `gid://shopify/InventoryLevel/${input.locationId}?inventory_item_id=${input.inventoryItemId}`,
  };
}

export type OrderPayloadInput = {
  orderId?: string;
  orderNumber?: number;
  currency?: string;
  email?: string | null;
  phone?: string | null;
  customer?: { id?: string; firstName: string; lastName: string; email?: string | null; phone?: string | null };
  /** Where the phone usually lives when the order itself has none. */
  shippingPhone?: string | null;
  /** When the customer placed it (ISO); now by default. */
  createdAt?: string;
  lineItems: {
    productId: string;
    variantId: string;
    title: string;
    variantTitle: string | null;
    sku?: string | null;
    price: string;
    quantity: number;
  }[];
};

/** An orders/create body. */
export function orderPayload(input: OrderPayloadInput) {
  const orderId = num(input.orderId ?? String(5_900_000_000_000 + randomInt(1, 99_999_999)));
  const orderNumber = input.orderNumber ?? 1000 + randomInt(1, 8999);
  const currency = input.currency ?? "USD";
  const subtotal = input.lineItems.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0).toFixed(2);
  const c = input.customer;
  const address = c
    ? {
        first_name: c.firstName,
        last_name: c.lastName,
        name: `${c.firstName} ${c.lastName}`,
        address1: "200 Elgin Street",
        city: "Burlington",
        province: "Vermont",
        province_code: "VT",
        zip: "05401",
        country: "United States",
        country_code: "US",
        phone: input.shippingPhone ?? null,
        company: null,
      }
    : null;
  return {
    id: orderId,
    admin_graphql_api_id: gid("Order", orderId),
    name: `#${orderNumber}`,
    order_number: orderNumber,
    number: orderNumber - 1000,
    email: input.email ?? null,
    contact_email: input.email ?? null,
    phone: input.phone ?? null,
    created_at: input.createdAt ?? nowIso(),
    processed_at: input.createdAt ?? nowIso(),
    currency,
    presentment_currency: currency,
    financial_status: "paid",
    fulfillment_status: null,
    confirmed: true,
    test: false,
    buyer_accepts_marketing: true,
    subtotal_price: subtotal,
    total_price: subtotal,
    total_tax: "0.00",
    source_name: "web",
    customer: c
      ? {
          id: num(c.id ?? String(7_400_000_000_000 + randomInt(1, 99_999_999))),
          email: c.email ?? input.email ?? null,
          phone: c.phone ?? null,
          first_name: c.firstName,
          last_name: c.lastName,
          state: "enabled",
          verified_email: true,
          currency,
          default_address: address,
        }
      : null,
    billing_address: address,
    shipping_address: address,
    line_items: input.lineItems.map((l, index) => ({
      id: orderId * 10 + index + 1,
      admin_graphql_api_id: gid("LineItem", orderId * 10 + index + 1),
      product_id: num(l.productId),
      variant_id: num(l.variantId),
      title: l.title,
      variant_title: l.variantTitle,
      name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
      sku: l.sku ?? null,
      vendor: null,
      quantity: l.quantity,
      current_quantity: l.quantity,
      price: l.price,
      requires_shipping: true,
      taxable: true,
      gift_card: false,
      fulfillable_quantity: l.quantity,
      fulfillment_status: null,
      properties: [],
    })),
  };
}

/** An orders/fulfilled or orders/cancelled body (the order; only its id and times matter to us). */
export function orderClosedPayload(input: { orderId: string; how: "fulfilled" | "cancelled" }) {
  const at = nowIso();
  return {
    id: num(input.orderId),
    admin_graphql_api_id: gid("Order", num(input.orderId)),
    updated_at: at,
    cancelled_at: input.how === "cancelled" ? at : null,
    cancel_reason: input.how === "cancelled" ? "customer" : null,
    fulfillment_status: input.how === "fulfilled" ? "fulfilled" : null,
  };
}

/** A refunds/create body: `lines` of the order (from orderPayload) refunded, each with its quantity and subtotal. */
export function refundPayload(input: {
  orderId: string | number;
  refundId?: string;
  currency?: string;
  lines: { lineItemId: number; variantId: number; quantity: number; subtotal: string }[];
}) {
  const refundId = num(input.refundId ?? String(9_100_000_000_000 + randomInt(1, 99_999_999)));
  const currency = input.currency ?? "USD";
  const money = (amount: string) => ({
    shop_money: { amount, currency_code: currency },
    presentment_money: { amount, currency_code: currency },
  });
  const at = nowIso();
  return {
    id: refundId,
    order_id: num(String(input.orderId)),
    admin_graphql_api_id: gid("Refund", refundId),
    created_at: at,
    processed_at: at,
    note: null,
    restock: false,
    user_id: null,
    refund_line_items: input.lines.map((l, index) => ({
      id: refundId * 10 + index + 1,
      line_item_id: l.lineItemId,
      quantity: l.quantity,
      location_id: null,
      restock_type: "no_restock",
      subtotal: Number(l.subtotal),
      total_tax: 0,
      subtotal_set: money(l.subtotal),
      total_tax_set: money("0.00"),
      line_item: { id: l.lineItemId, variant_id: l.variantId, quantity: l.quantity },
    })),
    transactions: [],
    order_adjustments: [],
  };
}

/** An app/uninstalled body (the shop object). */
export function appUninstalledPayload(input: { shopDomain: string; shopName?: string; shopId?: string }) {
  const id = num(input.shopId ?? "60211000001");
  return {
    id,
    name: input.shopName ?? input.shopDomain.replace(/\.myshopify\.com$/, ""),
    email: `owner@${input.shopDomain}`,
    domain: input.shopDomain,
    myshopify_domain: input.shopDomain,
    plan_name: "basic",
    currency: "USD",
    iana_timezone: "America/New_York",
    created_at: "2024-01-05T12:00:00-05:00",
    updated_at: nowIso(),
  };
}

type CustomerRefInput = { id?: string; email?: string | null; phone?: string | null };

/** A customers/data_request body. */
export function customersDataRequestPayload(input: {
  shopDomain: string;
  customer: CustomerRefInput;
  ordersRequested?: string[];
  dataRequestId?: string;
}) {
  return {
    shop_id: 60211000001,
    shop_domain: input.shopDomain,
    orders_requested: (input.ordersRequested ?? []).map(num),
    customer: {
      id: input.customer.id ? num(input.customer.id) : null,
      email: input.customer.email ?? null,
      phone: input.customer.phone ?? null,
    },
    data_request: { id: num(input.dataRequestId ?? String(randomInt(1, 9_999_999))) },
  };
}

/** A customers/redact body. */
export function customersRedactPayload(input: {
  shopDomain: string;
  customer: CustomerRefInput;
  ordersToRedact?: string[];
}) {
  return {
    shop_id: 60211000001,
    shop_domain: input.shopDomain,
    customer: {
      id: input.customer.id ? num(input.customer.id) : null,
      email: input.customer.email ?? null,
      phone: input.customer.phone ?? null,
    },
    orders_to_redact: (input.ordersToRedact ?? []).map(num),
  };
}

/** A shop/redact body. */
export function shopRedactPayload(input: { shopDomain: string }) {
  return { shop_id: 60211000001, shop_domain: input.shopDomain };
}
