import { reportLinkUrl } from "@/lib/reports/report-link-url";

/** What the 11 back-in-stock properties are built from (one restock's variant, product and shop). */
export type RestockSubject = {
  restockId: string;
  shop: { domain: string; name: string; currency: string };
  product: { title: string; vendor: string | null; handle: string; imageUrl: string | null };
  variant: { title: string; price: string; shopifyVariantId: string };
};

export type BackInStockProperties = {
  product_title: string;
  variant_title: string;
  title_incl_variant: string;
  vendor: string;
  price: string;
  currency: string;
  purchase_link: string;
  image_url: string;
  shop_name: string;
  customer_name: string;
  customer_phone: string;
};

// Shopify names the only variant of a product without options "Default Title"; customers never see that.
const DEFAULT_VARIANT_TITLE = "Default Title";

/** The 9 properties every customer of one restock shares (all but customer_name and customer_phone). */
export function restockProperties(
  subject: RestockSubject,
): Omit<BackInStockProperties, "customer_name" | "customer_phone"> {
  const { restockId, shop, product, variant } = subject;
  const variantTitle = variant.title === DEFAULT_VARIANT_TITLE ? "" : variant.title;
  return {
    product_title: product.title,
    variant_title: variantTitle,
    title_incl_variant: variantTitle ? `${product.title} - ${variantTitle}` : product.title,
    vendor: product.vendor ?? "",
    price: variant.price,
    currency: shop.currency,
    // Signalboard's short link: counts the click, then forwards to the product page with the variant selected.
    purchase_link: reportLinkUrl(restockId),
    image_url: product.imageUrl ?? "",
    shop_name: shop.name,
  };
}

/**
 * The properties of back_in_stock_sms_alert and back_in_stock_sms_reminder (seed 001), as merge tags in a
 * Postscript flow. Every property is always present (empty text when the catalog has no value), so a flow's
 * merge tag never renders as a missing value.
 */
export function backInStockProperties(
  subject: RestockSubject,
  customer: { name: string | null; phone: string | null },
): BackInStockProperties {
  return { ...restockProperties(subject), customer_name: customer.name ?? "", customer_phone: customer.phone ?? "" };
}
