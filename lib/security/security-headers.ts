import { MYSHOPIFY_DOMAIN } from "@/lib/shopify/shopify-topics";

/** The cookie the embedded entry route sets to the shop it was opened for, so later pages keep their framing. */
export const EMBEDDED_SHOP_COOKIE = "sb_shop";

/**
 * Pages Shopify's admin frames: the merchant dashboard and the embedded entry with its sign-in bounce. The
 * support console, sign-in, the customer portal, the storefront preview and APIs are never framed.
 */
export function isEmbeddablePath(pathname: string): boolean {
  return (
    pathname === "/" || pathname.startsWith("/shops/") || pathname === "/shops" || pathname.startsWith("/auth/shopify/")
  );
}

type FramingInput = {
  pathname: string;
  /** The request's `shop` query parameter, as sent. */
  shopParam: string | null;
  /** The `sb_shop` cookie, as sent. */
  shopCookie: string | undefined;
  /** SHOPIFY_STANDIN_URL: the local simulated admin that frames the app in dev and tests. */
  standinUrl: string | undefined;
};

/**
 * The CSP `frame-ancestors` source list: for embeddable pages the shop's admin (from a valid `shop` parameter,
 * else the `sb_shop` cookie) and admin.shopify.com, plus the stand-in's origin when configured; otherwise 'none'.
 */
export function frameAncestors({ pathname, shopParam, shopCookie, standinUrl }: FramingInput): string {
  if (!isEmbeddablePath(pathname)) return "'none'";
  const shop = [shopParam, shopCookie].find((value): value is string => Boolean(value && MYSHOPIFY_DOMAIN.test(value)));
  const sources = [
    ...(shop ? [`https://${shop}`, "https://admin.shopify.com"] : []),
    ...(standinUrl ? [new URL(standinUrl).origin] : []),
  ];
  return sources.length > 0 ? sources.join(" ") : "'none'";
}

type PolicyInput = {
  nonce: string;
  frameAncestors: string;
  /** SHOPIFY_APP_BRIDGE_URL: the one script loaded from elsewhere (the dashboard layout gives it the nonce). */
  appBridgeUrl: string;
  /** Next dev (React needs eval for its error overlay and stacks). */
  dev: boolean;
  /** The app is served over https (SHOPIFY_APP_URL): ask the browser to upgrade any http subresource. */
  https: boolean;
};

/**
 * The Content-Security-Policy of a page: scripts only with this request's nonce (and what they load, through
 * 'strict-dynamic'); styles from our CSS plus inline style attributes (progress bars); images from anywhere over
 * https (product images come from each shop's CDN); no plugins, no <base> change, framing as computed.
 */
export function contentSecurityPolicy({ nonce, frameAncestors, appBridgeUrl, dev, https }: PolicyInput): string {
  const appBridgeOrigin = new URL(appBridgeUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' ${appBridgeUrl}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ${appBridgeOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${frameAncestors}`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
