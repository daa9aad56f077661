import { randomBytes } from "node:crypto";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import EditOrderPage from "@/app/(portal)/edit/[token]/page";
import InvalidPortalLink from "@/app/(portal)/edit/[token]/not-found";
import { POST as shopifyWebhookPOST } from "@/app/api/webhooks/shopify/route";
import { POST as waitlistPOST } from "@/app/api/storefront/waitlist/route";
import type { ActionResult } from "@/lib/actions/action-result";
import { runShopAction, type ShopActionHandler } from "@/lib/actions/run-shop-action";
import { handlers } from "@/lib/auth/auth";
import type { SessionUser } from "@/lib/auth/shop-context";
import { signInAction } from "@/lib/auth/sign-in-action";
import { saveBackInStockSettingsSchema } from "@/lib/back-in-stock/back-in-stock-settings-schema";
import { saveBackInStockSettings } from "@/lib/back-in-stock/save-back-in-stock-settings";
import { sendToWaitlist } from "@/lib/back-in-stock/send-to-waitlist";
import { sendToWaitlistSchema } from "@/lib/back-in-stock/send-to-waitlist-schema";
import { setVariantPreorder } from "@/lib/catalog/set-variant-preorder";
import { setVariantPreorderSchema } from "@/lib/catalog/variant-preorder-schema";
import { prisma } from "@/lib/db/prisma";
import { consentDisclosure } from "@/lib/storefront/consent-disclosure";
import { AppError, type AppErrorCode } from "@/lib/errors/app-error";
import { connectKlaviyo } from "@/lib/klaviyo-connection/connect-klaviyo";
import { connectKlaviyoSchema } from "@/lib/klaviyo-connection/schemas";
import { INVALID_LINK_MESSAGE } from "@/lib/order-editing/find-portal-order";
import { placeOrder, setUpOrderEditingShop } from "@/lib/order-editing/order-editing-test-fixtures";
import { waitFor } from "@/lib/restock/restock-test-fixtures";
import { orderEditingSettingsSchema } from "@/lib/order-editing/order-editing-settings-schema";
import { beginOrderEditAction, saveOrderEditAction } from "@/lib/order-editing/portal-actions";
import { signPortalToken } from "@/lib/order-editing/portal-token";
import { saveOrderEditingSettings } from "@/lib/order-editing/save-order-editing-settings";
import { connectPostscript } from "@/lib/postscript-connection/connect-postscript";
import { connectPostscriptSchema, setPostscriptEnabledSchema } from "@/lib/postscript-connection/schemas";
import { setPostscriptEnabled } from "@/lib/postscript-connection/set-postscript-enabled";
import { confirmFlow } from "@/lib/setup/confirm-flow";
import { confirmFlowSchema, sendTestEventSchema } from "@/lib/setup/flow-schemas";
import { saveKeywordSchema } from "@/lib/setup/keyword-schemas";
import { saveKeyword } from "@/lib/setup/save-keyword";
import { sendTestEvent } from "@/lib/setup/send-test-event";
import { signWebhookBody } from "@/lib/shopify/signed-webhook";
import { computeAppProxySignature } from "@/lib/shopify/verify-app-proxy";
import {
  appUninstalledPayload,
  customersRedactPayload,
  orderPayload,
  productPayload,
} from "@/lib/shopify/webhook-payloads";
import { shopifyRequest, waitForWebhook } from "@/lib/shopify/webhook-test-helpers";
import { saveSmsTemplateSchema, setSmsProviderSchema } from "@/lib/sms-settings/schemas";
import { saveSmsTemplate } from "@/lib/sms-settings/save-sms-template";
import { setSmsProvider } from "@/lib/sms-settings/set-sms-provider";
import { previewSignupSchema } from "@/lib/storefront/preview-signup-schema";
import { signAppProxyQuery } from "@/lib/storefront/sign-app-proxy-query";
import { submitPreviewSignup } from "@/lib/storefront/submit-preview-signup";
import { postSignup } from "@/lib/storefront/storefront-test-helpers";
import { createMerchant } from "@/lib/testing/fixtures";
import { startTestSandbox } from "@/lib/testing/start-test-sandbox";
import { deleteUpsellStrategy } from "@/lib/upsell/delete-upsell-strategy";
import { saveUpsellStrategy } from "@/lib/upsell/save-upsell-strategy";
import { setUpsellStrategyEnabled } from "@/lib/upsell/set-upsell-strategy-enabled";
import {
  deleteUpsellStrategySchema,
  setUpsellStrategyEnabledSchema,
  upsellStrategySchema,
} from "@/lib/upsell/upsell-strategy-schema";
import { createBadInputWorld, UNKNOWN_DOMAIN, type BadInputWorld } from "./bad-input-world";
import { databaseSnapshot, shopScopedTables, SNAPSHOT_SHOP_TABLES } from "./database-snapshot";
// Next's own context, so the portal's client component (useRouter) can be rendered to HTML outside a Next server.
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";

/*
 * The bad-input catalog: hostile inputs against every public entry point (Shopify webhooks, the app-proxy
 * signup, the order-editing portal page and actions, the shop-scoped server actions, sign-in), each with the
 * status, code and message it must get, and a snapshot of every row the world's shops, users, webhook domains
 * and throttle keys own, taken before and after, that must be equal.
 */

const SECRET = () => process.env.SHOPIFY_API_SECRET!;
const TEN_MB = 10 * 1024 * 1024;
const SCRIPT = `<script>alert(1)</script><img src=x onerror=alert(1)>`;
const SQL = `'; DROP TABLE "Shop"; --`;

/** What an entry point answered, made comparable across HTTP routes, server actions and pages. */
type Outcome = { status: number; code: string; message: string };
type Expected = { status: number; code: string; message: string | RegExp };
type EntryPoint<I> = { name: string; call: (input: I) => Promise<Outcome> };
type Row = {
  name: string;
  entry: string;
  run: (w: BadInputWorld) => Promise<Outcome>;
  expect: Expected;
  /** A failed sign-in is counted by the throttle (that is its defence); nothing else may change. */
  countsFailedSignIn?: boolean;
};

function row<I>(
  name: string,
  entry: EntryPoint<I>,
  input: (w: BadInputWorld) => I | Promise<I>,
  expected: Expected,
  extra: Partial<Row> = {},
): Row {
  return { name, entry: entry.name, run: async (w) => entry.call(await input(w)), expect: expected, ...extra };
}

const statusOf = (code: AppErrorCode) => new AppError(code, "").status;

function fromActionResult(result: ActionResult<unknown>): Outcome {
  return result.ok
    ? { status: 200, code: "OK", message: JSON.stringify(result.data) }
    : { status: statusOf(result.code), code: result.code, message: result.message };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

// ---- entry points -------------------------------------------------------------------------------------------

const WEBHOOK: EntryPoint<Request> = {
  name: "POST /api/webhooks/shopify",
  async call(request) {
    const response = await shopifyWebhookPOST(request);
    const body = (await response.json()) as {
      ok: boolean;
      result?: string;
      message?: string;
      error?: { code: string; message: string };
    };
    return body.ok
      ? { status: response.status, code: body.result!, message: body.message! }
      : { status: response.status, code: body.error!.code, message: body.error!.message };
  },
};

const SIGNUP: EntryPoint<Request> = {
  name: "POST /api/storefront/waitlist (app proxy)",
  async call(request) {
    const response = await waitlistPOST(request);
    const body = (await response.json()) as { status: string; code?: string; message: string };
    return { status: response.status, code: body.code ?? body.status, message: body.message };
  },
};

const PORTAL_PAGE: EntryPoint<string> = {
  name: "GET /edit/[token] (portal page)",
  async call(token) {
    try {
      const page = await EditOrderPage({ params: Promise.resolve({ token }) });
      const html = renderToString(page);
      return { status: 200, code: /Editing is closed/.test(html) ? "CLOSED" : "OPEN", message: text(html) };
    } catch (error) {
      // notFound() throws Next's 404 signal; the route's not-found.tsx is what the customer then sees.
      if ((error as { digest?: string }).digest === "NEXT_HTTP_ERROR_FALLBACK;404") {
        return { status: 404, code: "NOT_FOUND", message: text(renderToString(createElement(InvalidPortalLink))) };
      }
      throw error;
    }
  },
};

const PORTAL_BEGIN: EntryPoint<unknown> = {
  name: "portal action beginOrderEditAction",
  call: async (token) => fromActionResult(await beginOrderEditAction(token)),
};
const PORTAL_SAVE: EntryPoint<unknown> = {
  name: "portal action saveOrderEditAction",
  call: async (input) => fromActionResult(await saveOrderEditAction(input)),
};

type ActionInput = { user: SessionUser | null; data: unknown };
/** A shop-scoped server action as shopAction runs it, for a chosen user (the action minus revalidatePath). */
function action<S extends z.ZodType<{ shopId: string }>, R>(
  name: string,
  schema: S,
  handler: ShopActionHandler<z.infer<S>, R>,
): EntryPoint<ActionInput> {
  return {
    name: `server action ${name}`,
    call: async ({ user, data }) => fromActionResult(await runShopAction(user, schema, handler, data)),
  };
}

const CONNECT_POSTSCRIPT = action("connectPostscriptAction", connectPostscriptSchema, connectPostscript);
const SET_POSTSCRIPT_ENABLED = action("setPostscriptEnabledAction", setPostscriptEnabledSchema, setPostscriptEnabled);
const SET_SMS_PROVIDER = action("setSmsProviderAction", setSmsProviderSchema, setSmsProvider);
const SAVE_SMS_TEMPLATE = action("saveSmsTemplateAction", saveSmsTemplateSchema, saveSmsTemplate);
const SAVE_KEYWORD = action("saveKeywordAction", saveKeywordSchema, saveKeyword);
const SEND_TEST_EVENT = action("sendTestEventAction", sendTestEventSchema, sendTestEvent);
const CONFIRM_FLOW = action("confirmFlowAction", confirmFlowSchema, confirmFlow);
const SAVE_BACK_IN_STOCK = action(
  "saveBackInStockSettingsAction",
  saveBackInStockSettingsSchema,
  saveBackInStockSettings,
);
const SEND_TO_WAITLIST = action("sendToWaitlistAction", sendToWaitlistSchema, sendToWaitlist);
const SET_PREORDER = action("setVariantPreorderAction", setVariantPreorderSchema, setVariantPreorder);
const SAVE_UPSELL = action("saveUpsellStrategyAction", upsellStrategySchema, saveUpsellStrategy);
const ENABLE_UPSELL = action(
  "setUpsellStrategyEnabledAction",
  setUpsellStrategyEnabledSchema,
  setUpsellStrategyEnabled,
);
const DELETE_UPSELL = action("deleteUpsellStrategyAction", deleteUpsellStrategySchema, deleteUpsellStrategy);
const SAVE_EDITING_RULES = action(
  "saveOrderEditingSettingsAction",
  orderEditingSettingsSchema,
  saveOrderEditingSettings,
);
const CONNECT_KLAVIYO = action("connectKlaviyoAction", connectKlaviyoSchema, connectKlaviyo);
const PREVIEW_SIGNUP = action("previewSignupAction", previewSignupSchema, (input, ctx) =>
  submitPreviewSignup(input, ctx, "203.0.113.250"),
);

const SIGN_IN_FORM: EntryPoint<Record<string, string>> = {
  name: "sign-in form (signInAction)",
  async call(fields) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    const state = await signInAction({}, form);
    return state.error
      ? { status: 200, code: "REFUSED", message: state.error }
      : { status: 200, code: "OK", message: "" };
  },
};

type Credentials = { email: string; password: string; withCsrf: boolean; address: string };
const AUTH_CALLBACK: EntryPoint<Credentials> = {
  name: "POST /api/auth/callback/credentials",
  async call({ email, password, withCsrf, address }) {
    const csrf = await handlers.GET(new Request("http://app.test/api/auth/csrf") as never);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await handlers.POST(
      new Request("http://app.test/api/auth/callback/credentials", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": address,
          ...(withCsrf ? { cookie } : {}),
        },
        body: new URLSearchParams({ email, password, ...(withCsrf ? { csrfToken } : {}) }),
      }) as never,
    );
    const location = new URL(response.headers.get("location") ?? "http://app.test/");
    const session = response.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c));
    return {
      status: response.status,
      code: session
        ? "SIGNED_IN"
        : [location.searchParams.get("error"), location.searchParams.get("code")].filter(Boolean).join("/"),
      message: `${location.pathname}${location.search}`,
    };
  },
};

const SESSION: EntryPoint<string> = {
  name: "GET /api/auth/session",
  async call(cookie) {
    const response = await handlers.GET(
      new Request("http://app.test/api/auth/session", { headers: { cookie } }) as never,
    );
    const session = (await response.json()) as { user?: { id: string } } | null;
    return {
      status: response.status,
      code: session?.user ? "SESSION" : "NO_SESSION",
      message: JSON.stringify(session),
    };
  },
};

// ---- request builders ---------------------------------------------------------------------------------------

const level = (available: number) => ({
  inventory_item_id: 48310000000099,
  location_id: 74211000001,
  available,
  updated_at: "2026-11-23T10:00:00-05:00",
});

/** A webhook whose raw body is exactly `body`, signed correctly unless told otherwise. */
function rawWebhook(
  domain: string,
  body: string | ReadableStream<Uint8Array>,
  options: { topic?: string; sign?: boolean; headers?: Record<string, string> } = {},
) {
  const { request } = shopifyRequest(options.topic ?? "inventory_levels/update", domain, {});
  const headers = new Headers(request.headers);
  if (typeof body === "string" && options.sign !== false)
    headers.set("x-shopify-hmac-sha256", signWebhookBody(body, SECRET()));
  for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
  return new Request(request.url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

/** An endless body sent in 64 KiB chunks with no Content-Length (what a 10 MB upload looks like mid-stream). */
function tenMegabyteStream(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= TEN_MB) return controller.close();
      sent += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x7b));
    },
  });
}

/** A signup as the app proxy forwards it, from the world's address; `query` replaces the signed query. */
function signup(
  w: BadInputWorld,
  body: unknown,
  options: { domain?: string; query?: URLSearchParams; raw?: BodyInit } = {},
): Request {
  const domain = options.domain ?? w.shopA.domain;
  const query = options.query ?? signAppProxyQuery({ shop: domain }, SECRET());
  return new Request(`http://app.test/api/storefront/waitlist?${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": w.address },
    body: options.raw ?? JSON.stringify(body),
    duplex: "half",
  } as RequestInit);
}
// A phone signup carries the consent checkbox and its disclosure, as the theme block sends them.
const contact = (w: BadInputWorld, extra: Record<string, unknown> = {}) => ({
  variantId: w.soldOutA.shopifyVariantId,
  phone: "(201) 555-0187",
  name: "Jamie",
  smsConsent: true,
  consentText: consentDisclosure({ name: "Shop" }),
  ...extra,
});

/** A portal token with one character of its signature changed. */
const tampered = (token: string) => token.replace(/\.(.)/, (_, c: string) => `.${c === "A" ? "B" : "A"}`);
const save = (token: string, orderEditId: string, change: Record<string, unknown> = {}) => ({
  token,
  orderEditId,
  lines: [{ index: 0, quantity: 2 }],
  added: [],
  shippingAddress: null,
  ...change,
});

const upsell = (shopId: string, change: Record<string, unknown> = {}) => ({
  shopId,
  name: "Winter extras",
  placement: "DURING_EDITING",
  productRule: "SPECIFIC_PRODUCTS",
  productIds: [],
  discountType: "PERCENTAGE",
  discountValue: "10",
  maxOffers: 3,
  notifyPostscript: true,
  notifyKlaviyo: false,
  enabled: true,
  ...change,
});

// ---- messages -----------------------------------------------------------------------------------------------

const BAD_SIGNATURE = "Invalid webhook signature";
const UNVERIFIED_SIGNUP = "We couldn't verify this request. Refresh the page and try again.";
const STALE_SIGNUP = "This page has been open for a while. Refresh it and try again.";
const UNREADABLE_SIGNUP = "We couldn't read your signup. Refresh the page and try again.";
const BAD_PHONE =
  /^That phone number doesn't look right\. Check it, and include the country code \(like \+44\) if it isn't a United States number\.$/;
const BAD_EMAIL = "That email address doesn't look right. Check it and try again.";
const READ_ONLY = "Support access is read-only: ask the merchant to make this change.";
const SHOP_NOT_FOUND = "Shop not found.";
const NOT_IN_CATALOG = "That product variant is not in this shop's catalog.";
const CLOSED = /^Editing for this order closed on .+ UTC\. Contact the store/;
const NOT_AVAILABLE = "An item you added is not available from this store any more: remove it and try again.";
const WRONG_SESSION = "This editing session is not valid for this order: reload the page and try again.";
const NOT_A_KEY =
  "The key contains characters that are not in any Postscript key (such as symbols or invisible characters): copy only the Private Key.";
const NUL_REFUSED =
  "What you entered contains an invisible NUL character, which cannot be saved. Remove it and try again.";
const WRONG_CREDENTIALS = "/sign-in?error=CredentialsSignin&code=invalid_credentials";

// ---- the catalog --------------------------------------------------------------------------------------------

const CATALOG: Row[] = [
  // Shopify webhooks
  row(
    "forged HMAC (signed with another secret)",
    WEBHOOK,
    (w) => shopifyRequest("inventory_levels/update", w.shopA.domain, level(50), { secret: "shpss_attacker" }).request,
    { status: 401, code: "UNAUTHENTICATED", message: BAD_SIGNATURE },
  ),
  row(
    "missing HMAC header",
    WEBHOOK,
    (w) =>
      shopifyRequest("inventory_levels/update", w.shopA.domain, level(50), {
        headers: { "x-shopify-hmac-sha256": null },
      }).request,
    { status: 401, code: "UNAUTHENTICATED", message: BAD_SIGNATURE },
  ),
  row(
    "body changed after signing (stock 2 → 5000)",
    WEBHOOK,
    (w) => {
      const { request } = shopifyRequest("inventory_levels/update", w.shopA.domain, level(2));
      return new Request(request.url, { method: "POST", headers: request.headers, body: JSON.stringify(level(5000)) });
    },
    { status: 401, code: "UNAUTHENTICATED", message: BAD_SIGNATURE },
  ),
  row(
    "SQL in the HMAC header",
    WEBHOOK,
    (w) =>
      shopifyRequest("inventory_levels/update", w.shopA.domain, level(50), {
        headers: { "x-shopify-hmac-sha256": `' OR '1'='1` },
      }).request,
    { status: 401, code: "UNAUTHENTICATED", message: BAD_SIGNATURE },
  ),
  row(
    "signed but malformed JSON",
    WEBHOOK,
    (w) => rawWebhook(w.shopA.domain, `{"inventory_item_id": 1, "available":`),
    { status: 400, code: "BAD_REQUEST", message: "Webhook body is not valid JSON." },
  ),
  row(
    "signed JSON that is an array, not an object",
    WEBHOOK,
    (w) => rawWebhook(w.shopA.domain, `[{"available": 9999}]`),
    { status: 400, code: "BAD_REQUEST", message: "Webhook body must be a JSON object." },
  ),
  row(
    "signed body with a NUL character in a string",
    WEBHOOK,
    (w) => rawWebhook(w.shopA.domain, JSON.stringify({ ...level(1), note: "a\u0000b" })),
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "Webhook body contains a NUL character (\\u0000), which cannot be stored.",
    },
  ),
  row(
    "signed body nested 100,000 levels deep",
    WEBHOOK,
    (w) => rawWebhook(w.shopA.domain, `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`),
    { status: 400, code: "BAD_REQUEST", message: "Webhook body is nested deeper than 64 levels." },
  ),
  row(
    "signed 10 MB body",
    WEBHOOK,
    (w) => rawWebhook(w.shopA.domain, JSON.stringify({ ...level(1), padding: "x".repeat(TEN_MB) })),
    { status: 413, code: "PAYLOAD_TOO_LARGE", message: "Webhook body exceeds 1048576 bytes." },
  ),
  row(
    "unsigned 10 MB body streamed without Content-Length",
    WEBHOOK,
    (w) => rawWebhook(w.shopA.domain, tenMegabyteStream(), { sign: false }),
    { status: 413, code: "PAYLOAD_TOO_LARGE", message: "Webhook body exceeds 1048576 bytes." },
  ),
  row(
    "shop domain header outside myshopify.com",
    WEBHOOK,
    () => shopifyRequest("inventory_levels/update", "evil.example.com", level(50)).request,
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "Missing or invalid X-Shopify-Shop-Domain header (expected a *.myshopify.com domain).",
    },
  ),
  row(
    "SQL in the topic header",
    WEBHOOK,
    (w) => shopifyRequest(`products/update${SQL}`, w.shopA.domain, level(50)).request,
    { status: 400, code: "BAD_REQUEST", message: "Missing or malformed X-Shopify-Topic header." },
  ),
  row(
    "script in the event id header",
    WEBHOOK,
    (w) => shopifyRequest("inventory_levels/update", w.shopA.domain, level(50), { eventId: SCRIPT }).request,
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "Missing or malformed X-Shopify-Event-Id (or X-Shopify-Webhook-Id) header.",
    },
  ),
  row(
    "replayed webhook (an event id already processed)",
    WEBHOOK,
    (w) =>
      shopifyRequest(
        "inventory_levels/update",
        w.shopA.domain,
        { ...w.processedWebhook.payload, available: 9000 },
        { eventId: w.processedWebhook.eventId },
      ).request,
    { status: 200, code: "duplicate", message: "Already received and processed; nothing done." },
  ),
  row(
    "a processed body replayed under a new event id",
    WEBHOOK,
    (w) => shopifyRequest("inventory_levels/update", w.shopA.domain, w.processedWebhook.payload).request,
    {
      status: 200,
      code: "duplicate",
      message: /^The same signed body was already received as event [\w-]+; not processed again\.$/,
    },
  ),
  row(
    "a processed body replayed with another shop's domain",
    WEBHOOK,
    (w) => shopifyRequest("inventory_levels/update", w.shopB.domain, w.processedWebhook.payload).request,
    { status: 400, code: "BAD_REQUEST", message: "This signed body was already delivered for another shop; refused." },
  ),
  row(
    "customers/redact whose body names another shop than the header",
    WEBHOOK,
    (w) =>
      shopifyRequest(
        "customers/redact",
        w.shopB.domain,
        customersRedactPayload({ shopDomain: w.shopA.domain, customer: { email: "jamie@example.com" } }),
      ).request,
    {
      status: 400,
      code: "BAD_REQUEST",
      message: /^The body is for [\w-]+\.myshopify\.com, not [\w-]+\.myshopify\.com \(X-Shopify-Shop-Domain\)\.$/,
    },
  ),
  row(
    "app/uninstalled with one shop's body and another shop's domain",
    WEBHOOK,
    (w) =>
      shopifyRequest("app/uninstalled", w.shopB.domain, appUninstalledPayload({ shopDomain: w.shopA.domain })).request,
    {
      status: 400,
      code: "BAD_REQUEST",
      message: /^The body is for [\w-]+\.myshopify\.com, not [\w-]+\.myshopify\.com \(X-Shopify-Shop-Domain\)\.$/,
    },
  ),
  row(
    "shop/redact whose body is a stock update",
    WEBHOOK,
    (w) => shopifyRequest("shop/redact", w.shopA.domain, level(50)).request,
    { status: 400, code: "BAD_REQUEST", message: "The body is not a shop/redact payload (shop_id: Invalid input)." },
  ),
  row(
    "a shop that never installed the app",
    WEBHOOK,
    () => shopifyRequest("inventory_levels/update", UNKNOWN_DOMAIN, level(50)).request,
    { status: 200, code: "ignored", message: `Unknown shop ${UNKNOWN_DOMAIN}; nothing stored.` },
  ),
  row(
    "an uninstalled shop's catalog update",
    WEBHOOK,
    (w) => shopifyRequest("products/update", w.uninstalledShop.domain, { id: 1, title: SCRIPT, handle: "x" }).request,
    {
      status: 200,
      code: "ignored",
      message: /^The app is uninstalled for shop-[0-9a-f]+\.myshopify\.com; nothing stored\.$/,
    },
  ),

  // Storefront signup through the app proxy
  row(
    "no app-proxy signature",
    SIGNUP,
    (w) =>
      signup(w, contact(w), {
        query: new URLSearchParams({ shop: w.shopA.domain, timestamp: String(Math.floor(Date.now() / 1000)) }),
      }),
    { status: 401, code: "UNAUTHENTICATED", message: UNVERIFIED_SIGNUP },
  ),
  row(
    "app-proxy signature made with another secret",
    SIGNUP,
    (w) => signup(w, contact(w), { query: signAppProxyQuery({ shop: w.shopA.domain }, "attacker-secret") }),
    { status: 401, code: "UNAUTHENTICATED", message: UNVERIFIED_SIGNUP },
  ),
  row(
    "signed for one shop, replayed against another shop",
    SIGNUP,
    (w) => {
      const query = signAppProxyQuery({ shop: w.shopA.domain }, SECRET());
      query.set("shop", w.shopB.domain);
      return signup(w, { ...contact(w), variantId: w.soldOutB.shopifyVariantId }, { query });
    },
    { status: 401, code: "UNAUTHENTICATED", message: UNVERIFIED_SIGNUP },
  ),
  row(
    "replayed app-proxy request (signed 10 minutes ago)",
    SIGNUP,
    (w) =>
      signup(w, contact(w), {
        query: signAppProxyQuery({ shop: w.shopA.domain, now: new Date(Date.now() - 10 * 60_000) }, SECRET()),
      }),
    { status: 401, code: "UNAUTHENTICATED", message: STALE_SIGNUP },
  ),
  row(
    "app-proxy timestamp 5 minutes in the future",
    SIGNUP,
    (w) =>
      signup(w, contact(w), {
        query: signAppProxyQuery({ shop: w.shopA.domain, now: new Date(Date.now() + 5 * 60_000) }, SECRET()),
      }),
    { status: 401, code: "UNAUTHENTICATED", message: STALE_SIGNUP },
  ),
  row(
    "a signed query with two shop values (another shop's first)",
    SIGNUP,
    (w) => {
      // What Shopify forwards when a shopper adds ?shop=<another shop>: both values, both covered by the signature.
      const query = new URLSearchParams([
        ["shop", w.shopB.domain],
        ["shop", w.shopA.domain],
        ["logged_in_customer_id", ""],
        ["path_prefix", "/apps/signalboard"],
        ["timestamp", String(Math.floor(Date.now() / 1000))],
      ]);
      query.set("signature", computeAppProxySignature(query, SECRET()));
      return signup(w, { ...contact(w), variantId: w.soldOutB.shopifyVariantId }, { query });
    },
    { status: 401, code: "UNAUTHENTICATED", message: UNVERIFIED_SIGNUP },
  ),
  row(
    "two signatures in the query",
    SIGNUP,
    (w) => {
      const query = signAppProxyQuery({ shop: w.shopA.domain }, SECRET());
      query.append("signature", "0".repeat(64));
      return signup(w, contact(w), { query });
    },
    { status: 401, code: "UNAUTHENTICATED", message: UNVERIFIED_SIGNUP },
  ),
  row("10 MB signup body", SIGNUP, (w) => signup(w, contact(w, { name: "x".repeat(TEN_MB) })), {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: "That signup is too large. Shorten your name and try again.",
  }),
  row("malformed JSON", SIGNUP, (w) => signup(w, null, { raw: `{"variantId": "1", "phone": ` }), {
    status: 400,
    code: "BAD_REQUEST",
    message: UNREADABLE_SIGNUP,
  }),
  row("JSON null instead of an object", SIGNUP, (w) => signup(w, null), {
    status: 400,
    code: "BAD_REQUEST",
    message: UNREADABLE_SIGNUP,
  }),
  row("body that is not UTF-8", SIGNUP, (w) => signup(w, null, { raw: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), {
    status: 400,
    code: "BAD_REQUEST",
    message: UNREADABLE_SIGNUP,
  }),
  row("phone number too short to exist", SIGNUP, (w) => signup(w, contact(w, { phone: "12345" })), {
    status: 400,
    code: "BAD_REQUEST",
    message: BAD_PHONE,
  }),
  row("SQL in the phone number", SIGNUP, (w) => signup(w, contact(w, { phone: `+1 201 555 0187${SQL}` })), {
    status: 400,
    code: "BAD_REQUEST",
    message: BAD_PHONE,
  }),
  row("invalid email", SIGNUP, (w) => signup(w, contact(w, { phone: undefined, email: "jamie@@example..com" })), {
    status: 400,
    code: "BAD_REQUEST",
    message: BAD_EMAIL,
  }),
  row(
    "script as the email",
    SIGNUP,
    (w) => signup(w, contact(w, { phone: undefined, email: `${SCRIPT}@example.com` })),
    { status: 400, code: "BAD_REQUEST", message: BAD_EMAIL },
  ),
  row("neither phone nor email", SIGNUP, (w) => signup(w, contact(w, { phone: "  " })), {
    status: 400,
    code: "BAD_REQUEST",
    message: "Enter a phone number or an email address so we can tell you when it's back.",
  }),
  row("another shop's variant id", SIGNUP, (w) => signup(w, contact(w, { variantId: w.soldOutB.shopifyVariantId })), {
    status: 404,
    code: "NOT_FOUND",
    message: "We couldn't find that product option. Refresh the page and try again.",
  }),
  row("SQL as the variant id", SIGNUP, (w) => signup(w, contact(w, { variantId: "1 OR 1=1" })), {
    status: 400,
    code: "BAD_REQUEST",
    message: "That product option isn't valid. Refresh the page and try again.",
  }),
  row("name over 100 characters (script repeated)", SIGNUP, (w) => signup(w, contact(w, { name: SCRIPT.repeat(3) })), {
    status: 400,
    code: "BAD_REQUEST",
    message: "Your name must be 100 characters or fewer.",
  }),
  row(
    "correctly signed for a shop that never installed",
    SIGNUP,
    (w) => signup(w, contact(w), { domain: UNKNOWN_DOMAIN }),
    { status: 404, code: "NOT_FOUND", message: "This store isn't taking waitlist signups right now." },
  ),
  row(
    "correctly signed for an uninstalled shop",
    SIGNUP,
    (w) => signup(w, contact(w), { domain: w.uninstalledShop.domain }),
    { status: 404, code: "NOT_FOUND", message: "This store isn't taking waitlist signups right now." },
  ),

  // Order-editing portal
  row("tampered portal link", PORTAL_PAGE, (w) => tampered(w.openOrder.token), {
    status: 404,
    code: "NOT_FOUND",
    message: `We couldn’t open this order ${INVALID_LINK_MESSAGE}`,
  }),
  row(
    "forged portal link (a real order id, a made-up signature)",
    PORTAL_PAGE,
    (w) => `${w.openOrder.orderId}.${randomBytes(32).toString("base64url")}`,
    { status: 404, code: "NOT_FOUND", message: `We couldn’t open this order ${INVALID_LINK_MESSAGE}` },
  ),
  row("script as the portal token", PORTAL_PAGE, () => SCRIPT, {
    status: 404,
    code: "NOT_FOUND",
    message: `We couldn’t open this order ${INVALID_LINK_MESSAGE}`,
  }),
  row("expired portal link (past the editing deadline)", PORTAL_PAGE, (w) => w.closedOrder.token, {
    status: 200,
    code: "CLOSED",
    message: /Editing is closed Editing for this order closed on .+ UTC\. Contact the store/,
  }),
  row("Edit order with a tampered link", PORTAL_BEGIN, (w) => tampered(w.openOrder.token), {
    status: 404,
    code: "NOT_FOUND",
    message: INVALID_LINK_MESSAGE,
  }),
  row("Edit order with an expired link", PORTAL_BEGIN, (w) => w.closedOrder.token, {
    status: 410,
    code: "GONE",
    message: CLOSED,
  }),
  row("Edit order with a token that is an object", PORTAL_BEGIN, () => ({ $ne: null }), {
    status: 400,
    code: "BAD_REQUEST",
    message: /expected string/,
  }),
  row("Edit order with a 10 MB token", PORTAL_BEGIN, () => "a".repeat(TEN_MB), {
    status: 400,
    code: "BAD_REQUEST",
    message: "This link is not valid.",
  }),
  row("save with another shop's editing session", PORTAL_SAVE, (w) => save(w.openOrder.token, w.editB.id), {
    status: 400,
    code: "BAD_REQUEST",
    message: WRONG_SESSION,
  }),
  row(
    "save adding another shop's variant",
    PORTAL_SAVE,
    (w) => save(w.openOrder.token, w.editA.id, { lines: [], added: [{ variantId: w.shopB.offered.id, quantity: 1 }] }),
    { status: 400, code: "BAD_REQUEST", message: NOT_AVAILABLE },
  ),
  row(
    "save adding a SQL-looking variant id",
    PORTAL_SAVE,
    (w) => save(w.openOrder.token, w.editA.id, { lines: [], added: [{ variantId: `x' OR '1'='1`, quantity: 1 }] }),
    { status: 400, code: "BAD_REQUEST", message: NOT_AVAILABLE },
  ),
  row(
    "save a negative quantity",
    PORTAL_SAVE,
    (w) => save(w.openOrder.token, w.editA.id, { lines: [{ index: 0, quantity: -3 }] }),
    { status: 400, code: "BAD_REQUEST", message: "Quantity cannot be negative" },
  ),
  row(
    "save a billion of one item",
    PORTAL_SAVE,
    (w) => save(w.openOrder.token, w.editA.id, { lines: [{ index: 0, quantity: 1e9 }] }),
    { status: 400, code: "BAD_REQUEST", message: "At most 99 of one item can be ordered here" },
  ),
  row("save with a tampered link", PORTAL_SAVE, (w) => save(tampered(w.openOrder.token), w.editA.id), {
    status: 404,
    code: "NOT_FOUND",
    message: INVALID_LINK_MESSAGE,
  }),
  row("save with an expired link", PORTAL_SAVE, (w) => save(w.closedOrder.token, w.editA.id), {
    status: 410,
    code: "GONE",
    message: CLOSED,
  }),
  row(
    "save with a 10 MB address line",
    PORTAL_SAVE,
    (w) =>
      save(w.openOrder.token, w.editA.id, {
        shippingAddress: {
          name: "Jamie",
          address1: "x".repeat(TEN_MB),
          address2: "",
          city: "Burlington",
          province: "VT",
          zip: "05401",
          country: "US",
        },
      }),
    { status: 400, code: "BAD_REQUEST", message: "Address must be at most 200 characters" },
  ),
  row(
    "save with SQL as the ZIP code",
    PORTAL_SAVE,
    (w) =>
      save(w.openOrder.token, w.editA.id, {
        shippingAddress: {
          name: "Jamie",
          address1: "1 Main St",
          address2: "",
          city: "Burlington",
          province: "VT",
          zip: `0540'1 OR 1=1`,
          country: "US",
        },
      }),
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "ZIP / postal code may contain only letters, digits, spaces and dashes",
    },
  ),

  row(
    "save with a NUL character in the address",
    PORTAL_SAVE,
    (w) =>
      save(w.openOrder.token, w.editA.id, {
        shippingAddress: {
          name: "Jamie\u0000",
          address1: "1 Main St",
          address2: "",
          city: "Burlington",
          province: "VT",
          zip: "05401",
          country: "US",
        },
      }),
    { status: 400, code: "BAD_REQUEST", message: /NUL/ },
  ),
  row(
    "save with a NUL character in the session id",
    PORTAL_SAVE,
    (w) => save(w.openOrder.token, `${w.editA.id}\u0000`),
    { status: 400, code: "BAD_REQUEST", message: /NUL/ },
  ),

  // Shop-scoped server actions
  row("no session", SET_SMS_PROVIDER, (w) => ({ user: null, data: { shopId: w.shopA.id, provider: "POSTSCRIPT" } }), {
    status: 401,
    code: "UNAUTHENTICATED",
    message: "Your session has ended. Sign in again.",
  }),
  row(
    "another shop's id (connect a key to shop B)",
    CONNECT_POSTSCRIPT,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopB.id, apiKey: "sk_sandbox_attacker_0001" } }),
    { status: 404, code: "NOT_FOUND", message: SHOP_NOT_FOUND },
  ),
  row(
    "a merchant whose session claims to be a support agent",
    SET_POSTSCRIPT_ENABLED,
    (w) => ({ user: { ...w.merchantA, isSupportAgent: true }, data: { shopId: w.shopB.id, enabled: false } }),
    { status: 404, code: "NOT_FOUND", message: SHOP_NOT_FOUND },
  ),
  row(
    "SQL as the shop id",
    SET_SMS_PROVIDER,
    (w) => ({ user: w.merchantA, data: { shopId: `${w.shopA.id}' OR '1'='1`, provider: "BUILT_IN" } }),
    { status: 404, code: "NOT_FOUND", message: SHOP_NOT_FOUND },
  ),
  row(
    "an object as the shop id",
    SET_SMS_PROVIDER,
    (w) => ({ user: w.merchantA, data: { shopId: { not: "" }, provider: "BUILT_IN" } }),
    { status: 404, code: "NOT_FOUND", message: SHOP_NOT_FOUND },
  ),
  row(
    "support agent changes the SMS provider",
    SET_SMS_PROVIDER,
    (w) => ({ user: w.agent, data: { shopId: w.shopA.id, provider: "BUILT_IN" } }),
    { status: 403, code: "FORBIDDEN", message: READ_ONLY },
  ),
  row(
    "support agent connects a Postscript key",
    CONNECT_POSTSCRIPT,
    (w) => ({ user: w.agent, data: { shopId: w.shopA.id, apiKey: "sk_sandbox_agent_0001" } }),
    { status: 403, code: "FORBIDDEN", message: READ_ONLY },
  ),
  row(
    "support agent disables Postscript",
    SET_POSTSCRIPT_ENABLED,
    (w) => ({ user: w.agent, data: { shopId: w.shopA.id, enabled: false } }),
    { status: 403, code: "FORBIDDEN", message: READ_ONLY },
  ),
  row(
    "support agent deletes an upsell strategy",
    DELETE_UPSELL,
    (w) => ({ user: w.agent, data: { shopId: w.shopB.id, strategyId: w.strategyB.id } }),
    { status: 403, code: "FORBIDDEN", message: READ_ONLY },
  ),
  row(
    "free-plan shop chooses Postscript",
    SET_SMS_PROVIDER,
    (w) => ({ user: w.freeMerchant, data: { shopId: w.freeShop.id, provider: "POSTSCRIPT" } }),
    {
      status: 403,
      code: "FORBIDDEN",
      message: "Postscript is available on paid plans. Upgrade your plan to send SMS through Postscript.",
    },
  ),
  row(
    "preorder flag on another shop's variant",
    SET_PREORDER,
    (w) => ({
      user: w.merchantA,
      data: { shopId: w.shopA.id, variantId: w.soldOutB.id, preorder: true, shippingTimeline: "Ships soon" },
    }),
    { status: 404, code: "NOT_FOUND", message: NOT_IN_CATALOG },
  ),
  row(
    "Send to another shop's waitlist",
    SEND_TO_WAITLIST,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, variantId: w.soldOutB.id } }),
    { status: 404, code: "NOT_FOUND", message: NOT_IN_CATALOG },
  ),
  row(
    "upsell strategy offering another shop's product",
    SAVE_UPSELL,
    (w) => ({ user: w.merchantA, data: upsell(w.shopA.id, { productIds: [w.shopB.offered.productId] }) }),
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "Some of the chosen products are not in this shop's catalog. Reload the page and choose again.",
    },
  ),
  row(
    "overwrite another shop's upsell strategy",
    SAVE_UPSELL,
    (w) => ({
      user: w.merchantA,
      data: upsell(w.shopA.id, { strategyId: w.strategyB.id, productIds: [w.shopA.offered.productId] }),
    }),
    {
      status: 404,
      code: "NOT_FOUND",
      message: "Upsell strategy not found. It may have been deleted: go back to the list.",
    },
  ),
  row(
    "disable another shop's upsell strategy",
    ENABLE_UPSELL,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, strategyId: w.strategyB.id, enabled: false } }),
    {
      status: 404,
      code: "NOT_FOUND",
      message: "Upsell strategy not found. It may have been deleted: reload the page.",
    },
  ),
  row(
    "delete another shop's upsell strategy",
    DELETE_UPSELL,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, strategyId: w.strategyB.id } }),
    { status: 404, code: "NOT_FOUND", message: "Upsell strategy not found. It may already have been deleted." },
  ),
  row(
    "storefront preview signup for another shop",
    PREVIEW_SIGNUP,
    (w) => ({
      user: w.merchantA,
      data: {
        shopId: w.shopB.id,
        variantId: w.soldOutB.shopifyVariantId,
        name: "x",
        phone: "(201) 555-0187",
        email: "",
      },
    }),
    { status: 404, code: "NOT_FOUND", message: SHOP_NOT_FOUND },
  ),
  row(
    "SMS template with a prototype-polluting merge tag",
    SAVE_SMS_TEMPLATE,
    (w) => ({
      user: w.merchantA,
      data: { shopId: w.shopA.id, kind: "backInStock", text: "Back: {{__proto__}} {{constructor}}" },
    }),
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "Unknown merge tags {{__proto__}}, {{constructor}}: use one of the merge tags listed for this message.",
    },
  ),
  row(
    "10 MB SMS template",
    SAVE_SMS_TEMPLATE,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, kind: "backInStock", text: "x".repeat(TEN_MB) } }),
    { status: 400, code: "BAD_REQUEST", message: "Keep the message to 1,600 characters or fewer (it has 10,485,760)." },
  ),
  row(
    "public pk_ key pasted as the Postscript key",
    CONNECT_POSTSCRIPT,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, apiKey: "pk_live_0123456789abcdef" } }),
    {
      status: 400,
      code: "BAD_REQUEST",
      message:
        "That is the public key (pk_…). Signalboard needs the Private Key (sk_…) from the same Security Key Pair.",
    },
  ),
  row(
    "script pasted as the Postscript key",
    CONNECT_POSTSCRIPT,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, apiKey: SCRIPT } }),
    { status: 400, code: "BAD_REQUEST", message: "The key contains spaces or line breaks: copy only the Private Key." },
  ),
  row(
    "Postscript key with an invisible control character",
    CONNECT_POSTSCRIPT,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, apiKey: "sk_live_0123\u0001abcd" } }),
    { status: 400, code: "BAD_REQUEST", message: NOT_A_KEY },
  ),
  row(
    "Postscript key with a symbol pasted from a document",
    CONNECT_POSTSCRIPT,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, apiKey: "sk_live_0123abcd\u2713" } }),
    { status: 400, code: "BAD_REQUEST", message: NOT_A_KEY },
  ),
  row(
    "NUL character in an SMS template",
    SAVE_SMS_TEMPLATE,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, kind: "backInStock", text: "Back in stock\u0000!" } }),
    { status: 400, code: "BAD_REQUEST", message: NUL_REFUSED },
  ),
  row(
    "NUL character in an upsell strategy name",
    SAVE_UPSELL,
    (w) => ({
      user: w.merchantA,
      data: upsell(w.shopA.id, { name: "Winter\u0000", productIds: [w.shopA.offered.productId] }),
    }),
    { status: 400, code: "BAD_REQUEST", message: NUL_REFUSED },
  ),
  row(
    "NUL character in a preorder shipping timeline",
    SET_PREORDER,
    (w) => ({
      user: w.merchantA,
      data: { shopId: w.shopA.id, variantId: w.soldOutA.id, preorder: true, shippingTimeline: "Ships\u0000 soon" },
    }),
    { status: 400, code: "BAD_REQUEST", message: NUL_REFUSED },
  ),
  row(
    "NUL character in another shop's variant id",
    SEND_TO_WAITLIST,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, variantId: `${w.soldOutB.id}\u0000` } }),
    { status: 400, code: "BAD_REQUEST", message: NUL_REFUSED },
  ),
  row(
    "10 MB Postscript key",
    CONNECT_POSTSCRIPT,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, apiKey: `sk_${"a".repeat(TEN_MB)}` } }),
    { status: 400, code: "BAD_REQUEST", message: "That is longer than any Postscript key: copy only the Private Key." },
  ),
  row(
    "Postscript key pasted as the Klaviyo key",
    CONNECT_KLAVIYO,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, apiKey: "sk_sandbox_0123456789abcdef" } }),
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "That looks like a Postscript key (sk_…). Paste your Klaviyo Private API Key: it starts with pk_.",
    },
  ),
  row(
    "SQL as the Postscript keyword id",
    SAVE_KEYWORD,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, keywordId: `kw_1' OR '1'='1` } }),
    {
      status: 400,
      code: "BAD_REQUEST",
      message: "That keyword does not exist in your Postscript account. Refresh the list and choose again.",
    },
  ),
  row(
    "SQL as the event type of a flow confirmation",
    CONFIRM_FLOW,
    (w) => ({
      user: w.merchantA,
      data: { shopId: w.shopA.id, eventType: `back_in_stock_sms_alert${SQL}`, confirmed: true },
    }),
    { status: 400, code: "BAD_REQUEST", message: "Unknown event type." },
  ),
  row(
    "script as the event type of a test event",
    SEND_TEST_EVENT,
    (w) => ({ user: w.merchantA, data: { shopId: w.shopA.id, eventType: SCRIPT } }),
    { status: 400, code: "BAD_REQUEST", message: "Unknown event type." },
  ),
  row(
    "SQL as the restock threshold",
    SAVE_BACK_IN_STOCK,
    (w) => ({
      user: w.merchantA,
      data: {
        shopId: w.shopA.id,
        threshold: `0; DELETE FROM "WaitlistEntry"`,
        batchPerUnit: null,
        reminderEnabled: true,
        reminderDelayMinutes: 60,
      },
    }),
    { status: 400, code: "BAD_REQUEST", message: "Enter the stock level as a whole number." },
  ),
  row(
    "an editing window that is not offered",
    SAVE_EDITING_RULES,
    (w) => ({
      user: w.merchantA,
      data: {
        shopId: w.shopA.id,
        editWindow: 525_600,
        abandonedDelayMinutes: 30,
        deadlineNudgeEnabled: false,
        deadlineNudgeMinutes: 30,
        notifyPostscript: true,
        notifyKlaviyo: false,
        notifyCustomerOnEdit: false,
      },
    }),
    { status: 400, code: "BAD_REQUEST", message: "Choose one of the editing windows offered" },
  ),

  // Sign-in
  row("SQL as the email", SIGN_IN_FORM, () => ({ email: `' OR 1=1 --`, password: "anything" }), {
    status: 200,
    code: "REFUSED",
    message: "Enter the email address you signed up with.",
  }),
  row("script as the email", SIGN_IN_FORM, () => ({ email: SCRIPT, password: "anything" }), {
    status: 200,
    code: "REFUSED",
    message: "Enter the email address you signed up with.",
  }),
  row("10 MB password", SIGN_IN_FORM, (w) => ({ email: w.signIn.email, password: "x".repeat(TEN_MB) }), {
    status: 200,
    code: "REFUSED",
    message: "That password is too long.",
  }),
  row("empty password", SIGN_IN_FORM, (w) => ({ email: w.signIn.email, password: "" }), {
    status: 200,
    code: "REFUSED",
    message: "Enter your password.",
  }),
  row(
    "SQL as the password",
    AUTH_CALLBACK,
    (w) => ({ email: w.signIn.email, password: `' OR '1'='1`, withCsrf: true, address: w.address }),
    { status: 302, code: "CredentialsSignin/invalid_credentials", message: WRONG_CREDENTIALS },
    { countsFailedSignIn: true },
  ),
  row(
    "the right password without the CSRF token",
    AUTH_CALLBACK,
    (w) => ({ email: w.signIn.email, password: w.signIn.password, withCsrf: false, address: w.address }),
    { status: 302, code: "MissingCSRF", message: "/sign-in?error=MissingCSRF" },
  ),
  row(
    "a forged session cookie",
    SESSION,
    (w) =>
      `authjs.session-token=${Buffer.from(JSON.stringify({ alg: "dir", enc: "A256CBC-HS512" })).toString("base64url")}..${randomBytes(16).toString("base64url")}.${Buffer.from(JSON.stringify({ sub: w.merchantA.id })).toString("base64url")}.${randomBytes(32).toString("base64url")}`,
    { status: 200, code: "NO_SESSION", message: "null" },
  ),
];

// ---- running it ---------------------------------------------------------------------------------------------

let world: BadInputWorld;
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ timeoutMs: 2_000 });
  world = await createBadInputWorld();
}, 60_000);
afterAll(async () => {
  await sandbox.close();
});

const throttleKey = (w: BadInputWorld) => `signin-account:${w.signIn.email}|${w.address}`;
const points = (rows: unknown[] | undefined, key: string) =>
  (rows as { key: string; points: number }[] | undefined)?.find((r) => r.key === key)?.points ?? 0;

describe("the bad-input catalog", () => {
  it("has at least 45 rows, covers every kind of entry point, and names each row once", () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(45);
    expect(new Set(CATALOG.map((r) => `${r.entry}: ${r.name}`)).size).toBe(CATALOG.length);
    const kinds = new Set(CATALOG.map((r) => r.entry.split(" ")[0]));
    expect([...kinds].sort()).toEqual(["GET", "POST", "portal", "server", "sign-in"].sort());
  });

  it("snapshots every table that has a shopId column", async () => {
    const tables = await shopScopedTables();
    expect(
      tables.filter(
        (t) =>
          !(SNAPSHOT_SHOP_TABLES as readonly string[]).includes(t) &&
          // ReportDay and ReportWaiting are derived: the minute rollup rewrites them from the tables above, whatever
          // a request did. WaitlistCount is too: WaitlistEntry's triggers write it, and the rollup folds it.
          !["WebhookEvent", "AuditLog", "ShopifyToken", "ReportDay", "ReportWaiting", "WaitlistCount"].includes(t),
      ),
    ).toEqual([]);
  });

  for (const entry of CATALOG) {
    it(`${entry.entry}: ${entry.name} → ${entry.expect.status} ${entry.expect.code}`, async () => {
      const before = await databaseSnapshot(world.scope);
      const outcome = await entry.run(world);
      expect({ status: outcome.status, code: outcome.code }).toEqual({
        status: entry.expect.status,
        code: entry.expect.code,
      });
      if (typeof entry.expect.message === "string") expect(outcome.message).toBe(entry.expect.message);
      else expect(outcome.message).toMatch(entry.expect.message);

      const after = await databaseSnapshot(world.scope);
      if (entry.countsFailedSignIn) {
        // The one change a failed sign-in makes: one more failure counted against this email from this address.
        expect(points(after.RateLimiterFlexible, throttleKey(world))).toBe(
          points(before.RateLimiterFlexible, throttleKey(world)) + 1,
        );
        expect({ ...after, RateLimiterFlexible: [] }).toEqual({ ...before, RateLimiterFlexible: [] });
      } else {
        expect(after).toEqual(before);
      }
    });
  }
});

// ---- markup in names and titles: stored as typed, rendered as text ------------------------------------------

// Only Next's router context is needed for the portal's client component to render outside a Next server.
const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
const withRouter = (page: ReactElement) => createElement(AppRouterContext.Provider, { value: router as never }, page);

function expectInert(html: string) {
  expect(html).not.toMatch(/<script>alert/i);
  // Attribute values may hold the escaped text (alt="&lt;img … onerror=…"): only a real attribute counts.
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<img[^>]*onerror/i);
  expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
}

describe("script and HTML in names and product titles", () => {
  it("a product title, a customer name, a line title and a strategy name with markup reach the portal page as text", async () => {
    const { shop, bought } = await setUpOrderEditingShop();
    const domain = (await prisma.shop.findUniqueOrThrow({ where: { id: shop.shopId } })).domain;
    const merchant = await createMerchant(shop.shopId);

    // The title arrives the way Shopify sends it: a signed products/update webhook.
    const variant = {
      shopifyVariantId: "46299000000001",
      inventoryItemId: "48399000000001",
      title: SCRIPT,
      sku: "XSS-1",
      price: "30.00",
      compareAtPrice: null,
      available: 9,
    };
    const product = productPayload({
      shopifyProductId: "8849900000001",
      title: SCRIPT,
      vendor: SCRIPT,
      handle: "xss",
      productType: SCRIPT,
      tags: "",
      imageUrl: "https://cdn.example.com/x.jpg",
      variants: [variant],
    });
    const productHook = shopifyRequest("products/update", domain, product);
    expect((await shopifyWebhookPOST(productHook.request)).status).toBe(200);
    await waitForWebhook(productHook.eventId);
    const stored = await prisma.product.findFirstOrThrow({
      where: { shopId: shop.shopId, shopifyProductId: "8849900000001" },
    });
    expect(stored.title).toBe(SCRIPT);

    // The strategy name through the merchant's own action, offering that product.
    const strategy = await runShopAction(
      merchant,
      upsellStrategySchema,
      saveUpsellStrategy,
      upsell(shop.shopId, { name: SCRIPT, productIds: [stored.id] }),
    );
    expect(strategy).toMatchObject({ ok: true });

    // The customer's name and a line title through a signed orders/create webhook.
    const order = orderPayload({
      email: "jamie@example.com",
      customer: { firstName: SCRIPT, lastName: SCRIPT, email: "jamie@example.com" },
      lineItems: [
        {
          productId: bought.product.shopifyProductId,
          variantId: bought.shopifyVariantId,
          title: SCRIPT,
          variantTitle: SCRIPT,
          price: "89.00",
          quantity: 1,
        },
      ],
    });
    const orderHook = shopifyRequest("orders/create", domain, order);
    expect((await shopifyWebhookPOST(orderHook.request)).status).toBe(200);
    await waitForWebhook(orderHook.eventId);
    const stored2 = await prisma.order.findFirstOrThrow({
      where: { shopId: shop.shopId, shopifyOrderId: String(order.id) },
    });
    expect(stored2.customerName).toBe(`${SCRIPT} ${SCRIPT}`);

    const page = await EditOrderPage({ params: Promise.resolve({ token: signPortalToken(stored2.id) }) });
    const html = renderToString(withRouter(page));
    expectInert(html);
    // Each of them is on the page: the greeting, the ordered line, the offer and the catalog picker.
    expect(html).toMatch(/Hi (<!-- -->)?&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img/);
    expect(html.split("&lt;script&gt;alert(1)&lt;/script&gt;").length - 1).toBeGreaterThanOrEqual(3);
  });

  it("a storefront signup name with markup is stored exactly as typed (the storefront preview renders it; see e2e)", async () => {
    const { shop } = await setUpOrderEditingShop();
    const domain = (await prisma.shop.findUniqueOrThrow({ where: { id: shop.shopId } })).domain;
    const variant = await prisma.variant.findFirstOrThrow({ where: { shopId: shop.shopId, available: 5 } });
    await prisma.variant.update({ where: { id: variant.id }, data: { available: 0 } });
    const res = await postSignup(domain, {
      variantId: variant.shopifyVariantId,
      email: "xss@example.com",
      name: SCRIPT,
    });
    expect(res).toMatchObject({ status: 201, body: { status: "joined" } });
    expect((await prisma.waitlistEntry.findFirstOrThrow({ where: { shopId: shop.shopId } })).name).toBe(SCRIPT);
  });

  it("a portal link already used for a saved edit is refused on a second save, changing nothing", async () => {
    const { shop, bought } = await setUpOrderEditingShop();
    const { token } = await placeOrder(shop, bought);
    const begun = await beginOrderEditAction(token);
    expect(begun.ok).toBe(true);
    const orderEditId = begun.ok ? begun.data.orderEditId : "";
    expect(await saveOrderEditAction(save(token, orderEditId))).toMatchObject({ ok: true });
    // Started and Saved go out in the background: wait until the sender is done so only the refusal can change rows.
    await waitFor(
      async () =>
        (await prisma.delivery.count({
          where: { shopId: shop.shopId, status: { in: ["PENDING", "SENDING", "RETRYING"] } },
        })) === 0,
    );
    const scope = { shopIds: [shop.shopId], userIds: [], shopDomains: [], rateLimitKeys: [] };
    const before = await databaseSnapshot(scope);
    expect(await saveOrderEditAction(save(token, orderEditId, { lines: [{ index: 0, quantity: 3 }] }))).toEqual({
      ok: false,
      code: "CONFLICT",
      message: "These changes were already saved. Reload the page to see your order as it is now.",
      fieldErrors: undefined,
    });
    expect(await databaseSnapshot(scope)).toEqual(before);
  });
});
