import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { env } from "@/lib/env";
import { MYSHOPIFY_DOMAIN } from "./shopify-topics";

/** The one Admin API version the app calls and subscribes webhooks with; shopify.app.toml must say the same. */
export const SHOPIFY_API_VERSION = ApiVersion.July26;

// Access tokens (shpat_/shpua_/shprt_ …), session tokens (JWTs), and token, code and OAuth state fields in JSON,
// the library's `{key: value}` log context or query strings.
const SECRET_PATTERNS: RegExp[] = [
  /shp[a-z]{2}_[A-Za-z0-9_-]+/g,
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  /("?\b(?:access_token|refresh_token|subject_token|client_secret|id_token|code|state|stateFromCookie|hmac)"?\s*[:=]\s*"?)[^"&,\s}]+/gi,
];

/** Removes anything token-like from a line before it is logged. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce(
    (acc, pattern) =>
      acc.replace(pattern, (_match, prefix?: string) =>
        typeof prefix === "string" ? `${prefix}[redacted]` : "[redacted]",
      ),
    text,
  );
}

/**
 * Rewrites a URL on https://{shop}.myshopify.com to the stand-in (`${SHOPIFY_STANDIN_URL}/shops/{shop}/…`) and
 * one on https://admin.shopify.com to its simulated admin, when a stand-in is configured (never in production);
 * anything else is returned unchanged. For every redirect that sends a browser to Shopify.
 */
export function shopifyBrowserUrl(url: string): string {
  const standin = env().SHOPIFY_STANDIN_URL;
  if (!standin) return url;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:") return url;
  const base = standin.replace(/\/+$/, "");
  if (MYSHOPIFY_DOMAIN.test(parsed.hostname))
    return `${base}/shops/${parsed.hostname}${parsed.pathname}${parsed.search}`;
  // The admin's own address (https://admin.shopify.com/store/{handle}/…) is the stand-in's simulated admin.
  if (parsed.hostname === "admin.shopify.com") return `${base}${parsed.pathname}${parsed.search}`;
  return url;
}

function standinFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (input instanceof Request) return fetch(new Request(shopifyBrowserUrl(input.url), input), init);
  return fetch(shopifyBrowserUrl(input.toString()), init);
}

let instance: Shopify | undefined;

/** The app's one configured Shopify library instance (OAuth, token exchange, Admin GraphQL), built on first use. */
export function shopifyApp(): Shopify {
  if (instance) return instance;
  const config = env();
  const appUrl = new URL(config.SHOPIFY_APP_URL);
  // The Admin GraphQL client captures the fetch function when it is created, so this must come first.
  if (config.SHOPIFY_STANDIN_URL) setAbstractFetchFunc(standinFetch);
  instance = shopifyApi({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    scopes: config.SCOPES.split(","),
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === "http:" ? "http" : "https",
    apiVersion: SHOPIFY_API_VERSION,
    isEmbeddedApp: true,
    logger: {
      level: LogSeverity.Warning,
      httpRequests: false,
      log: (severity, message) => {
        const line = `[shopify] ${redactSecrets(message)}`;
        if (severity <= LogSeverity.Warning) console.warn(line);
        else console.info(line);
      },
    },
  });
  return instance;
}
