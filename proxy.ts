import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { jsonNestingDepth } from "@/lib/security/json-nesting-depth";
import { contentSecurityPolicy, EMBEDDED_SHOP_COOKIE, frameAncestors } from "@/lib/security/security-headers";

/** No form or action of the app nests deeper than a few levels; far deeper input only exists to crash a parser. */
const MAX_ACTION_NESTING = 32;

/**
 * Every page request: a fresh script nonce and the Content-Security-Policy built on it (Next reads the request's
 * copy to put the nonce on its own scripts; `x-nonce` is for our layouts), framing per page, and a 400 for a
 * server-action call nested deep enough to overflow React's argument decoder (a 500 otherwise).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const body = await request.clone().text();
    if (jsonNestingDepth(body) > MAX_ACTION_NESTING) {
      return new NextResponse("This request is nested too deeply to be read.", {
        status: 400,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
  }

  const settings = env();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const ancestors = frameAncestors({
    pathname: request.nextUrl.pathname,
    shopParam: request.nextUrl.searchParams.get("shop"),
    shopCookie: request.cookies.get(EMBEDDED_SHOP_COOKIE)?.value,
    standinUrl: settings.SHOPIFY_STANDIN_URL,
  });
  const policy = contentSecurityPolicy({
    nonce,
    frameAncestors: ancestors,
    appBridgeUrl: settings.SHOPIFY_APP_BRIDGE_URL,
    dev: process.env.NODE_ENV === "development",
    https: new URL(settings.SHOPIFY_APP_URL).protocol === "https:",
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  // Older browsers ignore frame-ancestors; X-Frame-Options has no way to name Shopify's admin, so only 'none' gets it.
  if (ancestors === "'none'") response.headers.set("x-frame-options", "DENY");
  return response;
}

export const config = {
  matcher: [
    {
      // Pages and server actions; API routes, static files and prefetches get next.config.js's headers only.
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico|readme/|demo-products/).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
