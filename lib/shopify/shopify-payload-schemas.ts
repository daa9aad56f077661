import { z } from "zod";

/** A Shopify numeric id as our string: accepts 123, "123" or "gid://shopify/Thing/123". */
export const shopifyIdSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text =
    typeof value === "number" ? (Number.isSafeInteger(value) && value > 0 ? String(value) : "") : value.trim();
  const digits = /^\d+$/.test(text) ? text : /^gid:\/\/shopify\/\w+\/(\d+)$/.exec(text)?.[1];
  if (!digits) {
    ctx.addIssue({ code: "custom", message: "must be a Shopify id" });
    return z.NEVER;
  }
  return digits;
});

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v && v.trim() ? v.trim() : null));

// Prices arrive as "19.00" (REST) or occasionally as numbers; we keep Shopify's decimal text.
const money = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === "" ? null : String(v)));

export const productVariantPayloadSchema = z.object({
  id: shopifyIdSchema,
  title: z
    .string()
    .nullish()
    .transform((v) => v || "Default Title"),
  price: money,
  compare_at_price: money,
  sku: optionalText,
  inventory_item_id: shopifyIdSchema.nullish(),
  inventory_quantity: z.number().int().nullish(),
});

export const productPayloadSchema = z.object({
  id: shopifyIdSchema,
  title: z.string().min(1),
  vendor: optionalText,
  product_type: optionalText,
  handle: z.string().min(1),
  status: z.string().nullish(),
  published_at: z.string().nullish(),
  image: z.object({ src: z.string() }).nullish(),
  images: z.array(z.object({ src: z.string() })).nullish(),
  // Absent (not empty) means "this payload does not describe variants": then we leave ours alone.
  variants: z.array(productVariantPayloadSchema).optional(),
});
export type ProductPayload = z.infer<typeof productPayloadSchema>;

export const inventoryLevelPayloadSchema = z.object({
  inventory_item_id: shopifyIdSchema,
  location_id: shopifyIdSchema,
  // null when the item is not tracked at that location.
  available: z.number().int().nullable(),
  updated_at: z.string().nullish(),
});
export type InventoryLevelPayload = z.infer<typeof inventoryLevelPayloadSchema>;

export const bulkOperationFinishPayloadSchema = z.object({
  admin_graphql_api_id: z.string().regex(/^gid:\/\/shopify\/BulkOperation\/\d+$/),
  status: z.string(),
  error_code: z.string().nullish(),
  type: z.string().nullish(),
});
export type BulkOperationFinishPayload = z.infer<typeof bulkOperationFinishPayloadSchema>;

const addressSchema = z
  .object({
    name: optionalText,
    first_name: optionalText,
    last_name: optionalText,
    company: optionalText,
    address1: optionalText,
    address2: optionalText,
    city: optionalText,
    province: optionalText,
    zip: optionalText,
    country: optionalText,
    phone: optionalText,
    country_code: optionalText,
  })
  .nullish();
export type AddressPayload = z.infer<typeof addressSchema>;

/** An ISO time from Shopify; anything unparseable is dropped (we then count from when the order reached us). */
const optionalTime = z
  .string()
  .nullish()
  .transform((v) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v) : null));

export const orderPayloadSchema = z.object({
  id: shopifyIdSchema,
  name: z.string().min(1),
  created_at: optionalTime,
  currency: optionalText,
  total_price: money,
  fulfillment_status: z.string().nullish(),
  cancelled_at: optionalTime,
  email: optionalText,
  contact_email: optionalText,
  phone: optionalText,
  customer: z
    .object({
      id: shopifyIdSchema.nullish(),
      email: optionalText,
      phone: optionalText,
      first_name: optionalText,
      last_name: optionalText,
      default_address: addressSchema,
    })
    .nullish(),
  billing_address: addressSchema,
  shipping_address: addressSchema,
  line_items: z.array(
    z.object({
      id: shopifyIdSchema.nullish(),
      product_id: shopifyIdSchema.nullish(),
      variant_id: shopifyIdSchema.nullish(),
      title: z
        .string()
        .nullish()
        .transform((v) => v ?? ""),
      variant_title: optionalText,
      quantity: z.number().int().nonnegative(),
      price: money,
      sku: optionalText,
    }),
  ),
});
export type OrderPayload = z.infer<typeof orderPayloadSchema>;

/** orders/fulfilled and orders/cancelled: only what closes order editing is read. */
export const orderClosedPayloadSchema = z.object({
  id: shopifyIdSchema,
  cancelled_at: optionalTime,
  updated_at: optionalTime,
});
export type OrderClosedPayload = z.infer<typeof orderClosedPayloadSchema>;

/**
 * refunds/create: the refund with its refunded lines. Each line carries its order line item (variant_id) and the
 * refunded subtotal (REST sends a number, `subtotal_set` the shop's money as text). Shipping-only or amount-only
 * refunds have no lines.
 */
export const refundPayloadSchema = z.object({
  id: shopifyIdSchema,
  order_id: shopifyIdSchema,
  created_at: optionalTime,
  processed_at: optionalTime,
  refund_line_items: z
    .array(
      z.object({
        line_item_id: shopifyIdSchema.nullish(),
        quantity: z.number().int().nonnegative(),
        subtotal: money,
        subtotal_set: z.object({ shop_money: z.object({ amount: money }) }).nullish(),
        line_item: z.object({ variant_id: shopifyIdSchema.nullish() }).nullish(),
      }),
    )
    .nullish()
    .transform((v) => v ?? []),
});
export type RefundPayload = z.infer<typeof refundPayloadSchema>;

const customerRefSchema = z.object({
  id: shopifyIdSchema.nullish(),
  email: optionalText,
  phone: optionalText,
});

export const customersDataRequestPayloadSchema = z.object({
  shop_id: shopifyIdSchema,
  shop_domain: z.string(),
  customer: customerRefSchema,
  orders_requested: z
    .array(shopifyIdSchema)
    .nullish()
    .transform((v) => v ?? []),
  data_request: z.object({ id: shopifyIdSchema }).nullish(),
});
export type CustomersDataRequestPayload = z.infer<typeof customersDataRequestPayloadSchema>;

export const customersRedactPayloadSchema = z.object({
  shop_id: shopifyIdSchema,
  shop_domain: z.string(),
  customer: customerRefSchema,
  orders_to_redact: z
    .array(shopifyIdSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type CustomersRedactPayload = z.infer<typeof customersRedactPayloadSchema>;

/** app/uninstalled: the shop object; `domain` may be the shop's own domain, `myshopify_domain` is the permanent one. */
export const appUninstalledPayloadSchema = z.object({
  id: shopifyIdSchema,
  myshopify_domain: z.string(),
  domain: z.string().nullish(),
});

/** app_subscriptions/update: a subscription of this app changed (approved, cancelled, frozen…). */
export const appSubscriptionUpdatePayloadSchema = z.object({
  app_subscription: z.object({
    admin_graphql_api_id: z.string().min(1),
    name: z.string(),
    status: z.string().min(1),
    admin_graphql_api_shop_id: shopifyIdSchema,
  }),
});

/** shop/redact, 48 hours after uninstall. */
export const shopRedactPayloadSchema = z.object({
  shop_id: shopifyIdSchema,
  shop_domain: z.string(),
});
