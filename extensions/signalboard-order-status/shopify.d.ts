// The `shopify` global each module sees, per target (what `shopify app dev` generates).
import "@shopify/ui-extensions";

declare module "./src/thank-you.tsx" {
  const shopify: import("@shopify/ui-extensions/purchase.thank-you.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}

declare module "./src/order-status.tsx" {
  const shopify: import("@shopify/ui-extensions/customer-account.order-status.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}
