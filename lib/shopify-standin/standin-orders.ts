import { z } from "zod";
import { catalogVariants, type StandinCatalog } from "./standin-catalog";

export type StandinAddress = {
  firstName: string | null;
  lastName: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string | null;
  phone: string | null;
  company: string | null;
};

/** One line of a stand-in order; money in cents. */
export type StandinLine = {
  id: string;
  variantId: string;
  productId: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  priceCents: number;
  /** Per unit, from orderEditAddLineItemDiscount. */
  discountCents: number;
};

export type StandinOrder = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** The customer who placed it (Shopify sends the customer record with orders/create). */
  customer: { id: string; firstName: string; lastName: string } | null;
  currency: string;
  createdAt: string;
  financialStatus: "PAID" | "PENDING";
  fulfilled: boolean;
  cancelled: boolean;
  /** e.g. 0.13: tax on the discounted subtotal, as the store's tax settings would compute it. */
  taxRate: number;
  shippingCents: number;
  paidCents: number;
  lines: StandinLine[];
  shippingAddress: StandinAddress | null;
  /** Customer notifications Shopify would have sent (orderEditCommit with notifyCustomer). */
  notified: number;
};

/** An edit in progress: a copy of the order's lines with the staged changes (CalculatedOrder). */
export type StandinEditSession = {
  id: string;
  domain: string;
  orderId: string;
  lines: StandinLine[];
  committed: boolean;
};

export const cents = (amount: string | number) => Math.round(Number(amount) * 100);
export const money = (value: number) => (value / 100).toFixed(2);

/** Shopify's totals for a set of lines: discounted subtotal, tax on it, shipping, total, and what is still owed. */
export function orderTotals(order: StandinOrder, lines: StandinLine[]) {
  const subtotal = lines.reduce((n, l) => n + (l.priceCents - l.discountCents) * l.quantity, 0);
  const tax = Math.round(subtotal * order.taxRate);
  const total = subtotal + tax + order.shippingCents;
  return { subtotal, tax, shipping: order.shippingCents, total, outstanding: total - order.paidCents };
}

/** Units of a variant available at the store's locations that fulfil online orders. */
export function onlineAvailable(
  catalog: StandinCatalog,
  variantId: string,
): { inventoryItemId: string | null; available: number } {
  const found = catalogVariants(catalog).find(({ variant }) => variant.id === variantId);
  if (!found) return { inventoryItemId: null, available: 0 };
  const online = new Set(catalog.locations.filter((l) => l.fulfillsOnlineOrders).map((l) => l.id));
  let available = 0;
  for (const [locationId, units] of catalog.levels.get(found.variant.inventoryItemId) ?? [])
    if (online.has(locationId)) available += units;
  return { inventoryItemId: found.variant.inventoryItemId, available };
}

const addressInput = z
  .object({
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province: z.string().nullish(),
    zip: z.string().nullish(),
    country: z.string().nullish(),
    countryCode: z.string().nullish(),
    phone: z.string().nullish(),
    company: z.string().nullish(),
  })
  .transform((a) => ({
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    address1: a.address1 ?? null,
    address2: a.address2 ?? null,
    city: a.city ?? null,
    province: a.province ?? null,
    zip: a.zip ?? null,
    country: a.country ?? null,
    countryCode: a.countryCode ?? null,
    phone: a.phone ?? null,
    company: a.company ?? null,
  }));
export const standinAddressSchema = addressInput;

/** What the control API takes to place an order in a store (variants from its catalog). */
export const standinOrderInputSchema = z.object({
  name: z.string().min(1).optional(),
  email: z.string().email().nullable().default(null),
  phone: z.string().nullable().default(null),
  customer: z
    .object({ firstName: z.string().min(1), lastName: z.string().min(1) })
    .nullable()
    .default(null),
  financialStatus: z.enum(["PAID", "PENDING"]).default("PAID"),
  taxRate: z.number().min(0).max(1).default(0.1),
  shipping: z
    .string()
    .regex(/^\d+\.\d{2}$/)
    .default("10.00"),
  lines: z.array(z.object({ variantId: z.string().regex(/^\d+$/), quantity: z.number().int().positive() })).min(1),
  shippingAddress: addressInput.nullable().default(null),
});

/** The orders/create payload (REST shape, as Shopify sends it) of a stand-in order. */
export function orderWebhookPayload(order: StandinOrder) {
  const totals = orderTotals(order, order.lines);
  const address = order.shippingAddress;
  return {
    id: Number(order.id),
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: order.name,
    created_at: order.createdAt,
    currency: order.currency,
    total_price: money(totals.total),
    subtotal_price: money(totals.subtotal),
    total_tax: money(totals.tax),
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: order.fulfilled ? "fulfilled" : null,
    cancelled_at: null,
    email: order.email,
    phone: order.phone,
    customer: order.customer
      ? {
          id: Number(order.customer.id),
          admin_graphql_api_id: `gid://shopify/Customer/${order.customer.id}`,
          first_name: order.customer.firstName,
          last_name: order.customer.lastName,
          email: order.email,
          phone: order.phone,
        }
      : null,
    shipping_address: address
      ? {
          first_name: address.firstName,
          last_name: address.lastName,
          address1: address.address1,
          address2: address.address2,
          city: address.city,
          province: address.province,
          zip: address.zip,
          country: address.country,
          country_code: address.countryCode,
          phone: address.phone,
          company: address.company,
        }
      : null,
    line_items: order.lines.map((l) => ({
      id: Number(l.id),
      product_id: Number(l.productId),
      variant_id: Number(l.variantId),
      title: l.title,
      variant_title: l.variantTitle,
      quantity: l.quantity,
      price: money(l.priceCents),
      sku: l.sku,
    })),
  };
}
