import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { jwtVerify } from "jose";
import { z } from "zod";
import { DEFAULT_SCOPES } from "@/lib/env";
import { SHOPIFY_API_VERSION } from "@/lib/shopify/shopify-app";
import { signedWebhook } from "@/lib/shopify/signed-webhook";
import { refundPayload } from "@/lib/shopify/webhook-payloads";
import { executeAdminGraphql } from "./admin-graphql-api";
import { APP_BRIDGE_SCRIPT } from "./app-bridge-script";
import { renderAdminPage, renderAuthorizePage, renderChargePage, renderStoreList } from "./render-standin-pages";
import { signSessionToken } from "./sign-session-token";
import {
  cents,
  money,
  orderTotals,
  orderWebhookPayload,
  standinOrderInputSchema,
  type StandinOrder,
} from "./standin-orders";
import {
  catalogFromInput,
  catalogVariants,
  DEMO_CATALOG_STORE,
  demoStandinCatalog,
  standinCatalogSchema,
} from "./standin-catalog";
import { noCalls, StandinError, StandinState, type StandinSnapshot, type StandinSubscription } from "./standin-state";
import { DEMO_STANDIN_STORES, storeHandle, type StandinStore } from "./standin-stores";

export interface ShopifyStandinOptions {
  apiKey: string;
  apiSecret: string;
  /** The app's public URL: the admin embeds it, OAuth redirects and webhooks go to it. */
  appUrl: string;
  /** Default: DEMO_STANDIN_STORES. */
  stores?: StandinStore[];
  /** Scopes the simulated admin's install screen grants. Default: DEFAULT_SCOPES. */
  scopes?: string;
  appName?: string;
  /** Offline access token life; Shopify's is one hour. Tests shorten it to exercise refreshes. */
  accessTokenTtlSeconds?: number;
  /** Where installs, tokens and charges are kept across restarts (the dev command's data folder); none by default. */
  stateFile?: string;
}

export interface RunningShopifyStandin {
  /** e.g. http://127.0.0.1:4020: the value for SHOPIFY_STANDIN_URL; the store list is at `${url}/`. */
  url: string;
  close(): Promise<void>;
}

const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
const AUTH_CODE_TTL_MS = 10 * 60_000;
const WEBHOOK_TIMEOUT_MS = 5_000;
const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The store a request is for: `/shops/<domain>/…` (its APIs) or `/store/<handle>/…` (its admin). */
function requestShop(path: string): string | undefined {
  const match = /^\/(shops|store)\/([^/]+)\//.exec(path);
  if (!match) return undefined;
  return match[1] === "shops" ? match[2] : `${match[2]}.myshopify.com`;
}

const storeSchema = z.object({
  /** Control API only: the app already installed (with the stand-in's scopes), and a Paid subscription active. */
  installed: z.boolean().default(false),
  plan: z.enum(["FREE", "PAID"]).default("FREE"),
  domain: z.string().regex(SHOP_DOMAIN),
  name: z.string().min(1),
  email: z.string().email(),
  currencyCode: z.string().length(3).default("USD"),
  ianaTimezone: z.string().min(1).default("UTC"),
  staff: z
    .array(
      z.object({
        id: z.string().regex(/^\d+$/),
        email: z.string().email(),
        firstName: z.string(),
        lastName: z.string(),
        accountOwner: z.boolean(),
        emailVerified: z.boolean().optional(),
      }),
    )
    .min(1),
});
const inventoryChangeSchema = z.object({
  inventoryItemId: z.string().regex(/^\d+$/),
  locationId: z.string().regex(/^\d+$/),
  available: z.number().int(),
  webhook: z.boolean().default(true),
});
const orderPatchSchema = z.object({ fulfilled: z.boolean(), financialStatus: z.enum(["PAID", "PENDING"]) }).partial();
const refundInputSchema = z.object({
  lines: z.array(z.object({ lineItemId: z.string().regex(/^\d+$/), quantity: z.number().int().positive() })).min(1),
});
const faultsSchema = z
  .object({ down: z.boolean(), throttle: z.boolean(), shop: z.string().regex(SHOP_DOMAIN).nullable() })
  .partial();
const sessionTokenSchema = z.object({ shop: z.string(), userId: z.string() });

/** Shopify's admin signature over a query: hex HMAC-SHA256 of the other parameters sorted by key, URL-encoded. */
export function signAdminQuery(params: Record<string, string>, secret: string): string {
  const query = new URLSearchParams();
  for (const key of Object.keys(params).sort((a, b) => a.localeCompare(b)))
    if (key !== "hmac" && key !== "signature") query.append(key, params[key]!);
  return createHmac("sha256", secret).update(query.toString()).digest("hex");
}

/** The admin's `host` parameter: base64 of admin.shopify.com/store/{handle}, without padding, as Shopify sends it. */
export function adminHost(domain: string): string {
  return Buffer.from(`admin.shopify.com/store/${storeHandle(domain)}`)
    .toString("base64")
    .replace(/=+$/, "");
}

function fail(c: Context, error: unknown): Response {
  if (error instanceof StandinError) return c.json(error.body, error.status as 400);
  throw error;
}

/**
 * A local Shopify for dev and tests (like the Postscript sandbox): per store under /shops/{domain}/… the OAuth
 * authorize page and token endpoint (authorization code, token exchange, single-use refresh tokens), the Admin
 * GraphQL subset the app uses with cost-based throttling, the billing confirmation page; a simulated admin at
 * /store/{handle}/apps/{apiKey} embedding the app with an App Bridge stand-in (/app-bridge.js); signed webhooks;
 * a control API under /standin (stores, faults, session tokens, revoke). `listen(0)` picks a free port.
 */
export function createShopifyStandin(options: ShopifyStandinOptions) {
  const appUrl = options.appUrl.replace(/\/+$/, "");
  const appName = options.appName ?? "Signalboard";
  const scopes = options.scopes ?? DEFAULT_SCOPES;
  const state = new StandinState(options.stores ?? DEMO_STANDIN_STORES, {
    accessTokenSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenSeconds: REFRESH_TOKEN_TTL_SECONDS,
  });
  // The demo store's catalog is the one the seed gives the app, so a sync of it changes nothing.
  if (!options.stores) state.catalogs.set(DEMO_CATALOG_STORE, demoStandinCatalog());
  if (options.stateFile && existsSync(options.stateFile))
    state.restore(JSON.parse(readFileSync(options.stateFile, "utf8")) as StandinSnapshot);
  const app = new Hono();
  // Anything but a read may change installs, tokens or charges: keep them for the next start.
  if (options.stateFile) {
    const file = options.stateFile;
    app.use("*", async (c, next) => {
      await next();
      if (c.req.method !== "GET") {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify(state.snapshot()));
      }
    });
  }

  async function sendWebhook(topic: string, domain: string, payload: unknown): Promise<void> {
    const webhook = signedWebhook(topic, domain, payload, options.apiSecret);
    webhook.headers["x-shopify-api-version"] = SHOPIFY_API_VERSION;
    const url = `${appUrl}/api/webhooks/shopify`;
    const record = { topic, shop: domain, url, status: null as number | null, payload };
    state.webhooks.push(record);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: webhook.headers,
        body: webhook.body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      record.status = res.status;
    } catch {
      // The app is not running: Shopify would retry; the record keeps status null.
    }
  }

  function subscriptionChanged(domain: string, subscription: StandinSubscription): void {
    void sendWebhook("app_subscriptions/update", domain, {
      app_subscription: {
        admin_graphql_api_id: subscription.id,
        name: subscription.name,
        status: subscription.status,
        admin_graphql_api_shop_id: `gid://shopify/Shop/${state.shopId(domain)}`,
        created_at: subscription.createdAt,
        updated_at: new Date().toISOString(),
        currency: subscription.price.currencyCode,
      },
    });
  }

  function mintSessionToken(domain: string, userId: string): Promise<string> {
    state.staff(domain, userId);
    return signSessionToken({ apiKey: options.apiKey, apiSecret: options.apiSecret, shop: domain, userId });
  }

  async function verifySubjectToken(domain: string, token: unknown): Promise<string> {
    try {
      if (typeof token !== "string") throw new Error("missing");
      const { payload } = await jwtVerify(token, new TextEncoder().encode(options.apiSecret), {
        algorithms: ["HS256"],
        audience: options.apiKey,
      });
      if (payload.dest !== `https://${domain}` || typeof payload.sub !== "string") throw new Error("wrong shop");
      return payload.sub;
    } catch {
      throw new StandinError(400, {
        error: "invalid_subject_token",
        error_description: "Session token is invalid, expired or was not issued for this shop and app.",
      });
    }
  }

  // Shopify down: every request but the control API's answers 503 (a store's own outage: that store's requests).
  app.use("*", async (c, next) => {
    if (!c.req.path.startsWith("/standin/") && state.faultsFor(requestShop(c.req.path)).down)
      return c.text("Service Unavailable", 503);
    await next();
  });

  app.get("/", (c) =>
    c.html(renderStoreList([...state.stores.values()], options.apiKey, (d) => state.installations.has(d))),
  );
  app.get("/app-bridge.js", (c) =>
    c.body(APP_BRIDGE_SCRIPT, 200, {
      "content-type": "application/javascript; charset=utf-8",
      "cache-control": "no-store",
    }),
  );

  // Control API.
  app.post("/standin/stores", async (c) => {
    const parsed = storeSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: parsed.error.issues[0]?.message ?? "invalid store" }, 400);
    const { installed, ...store } = parsed.data;
    state.addStore(store);
    if (installed) state.install(store.domain, scopes);
    return c.json({ store }, 201);
  });
  app.put("/standin/faults", async (c) => {
    const parsed = faultsSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json(
        { error: "expected { down?: boolean; throttle?: boolean; shop?: a myshopify.com domain or null }" },
        400,
      );
    return c.json({ faults: state.setFaults(parsed.data) });
  });
  app.post("/standin/session-token", async (c) => {
    const parsed = sessionTokenSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "expected { shop, userId }" }, 400);
    try {
      return c.json({ token: await mintSessionToken(parsed.data.shop, parsed.data.userId) });
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post("/standin/stores/:domain/revoke", (c) => {
    const domain = c.req.param("domain");
    if (!state.stores.has(domain)) return c.json({ errors: "Not Found" }, 404);
    state.revokeStore(domain);
    return c.json({ revoked: true });
  });
  // A store's catalog: products, variants, locations and stock levels replace what it had (no webhooks: setup).
  app.put("/standin/stores/:domain/catalog", async (c) => {
    const domain = c.req.param("domain");
    if (!state.stores.has(domain)) return c.json({ errors: "Not Found" }, 404);
    const parsed = standinCatalogSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json({ error: `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}` }, 400);
    state.catalogs.set(domain, catalogFromInput(parsed.data));
    return c.json({ variants: catalogVariants(state.catalog(domain)).length, locations: parsed.data.locations.length });
  });
  // A stock change at one location, and the inventory_levels/update Shopify sends for it (unless `webhook` is
  // false: a webhook that never arrived, for reconciliation tests).
  app.post("/standin/stores/:domain/inventory", async (c) => {
    const domain = c.req.param("domain");
    if (!state.stores.has(domain)) return c.json({ errors: "Not Found" }, 404);
    const parsed = inventoryChangeSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "expected { inventoryItemId, locationId, available, webhook? }" }, 400);
    const { inventoryItemId, locationId, available, webhook } = parsed.data;
    const catalog = state.catalog(domain);
    if (!catalog.locations.some((l) => l.id === locationId)) return c.json({ error: "unknown location" }, 404);
    if (!catalogVariants(catalog).some(({ variant }) => variant.inventoryItemId === inventoryItemId))
      return c.json({ error: "unknown inventory item" }, 404);
    if (!catalog.levels.has(inventoryItemId)) catalog.levels.set(inventoryItemId, new Map());
    catalog.levels.get(inventoryItemId)!.set(locationId, available);
    const payload = {
      inventory_item_id: Number(inventoryItemId),
      location_id: Number(locationId),
      available,
      updated_at: new Date().toISOString(),
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${inventoryItemId}?inventory_item_id=${inventoryItemId}&location_id=${locationId}`,
    };
    if (webhook) await sendWebhook("inventory_levels/update", domain, payload);
    return c.json({ payload });
  });
  // An order placed in the store (variants from its catalog), and the orders/create Shopify sends for it.
  app.post("/standin/stores/:domain/orders", async (c) => {
    const domain = c.req.param("domain");
    if (!state.stores.has(domain)) return c.json({ errors: "Not Found" }, 404);
    const parsed = standinOrderInputSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json({ error: `${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}` }, 400);
    const input = parsed.data;
    const variants = catalogVariants(state.catalog(domain));
    const lines = [];
    for (const { variantId, quantity } of input.lines) {
      const found = variants.find(({ variant }) => variant.id === variantId);
      if (!found) return c.json({ error: `unknown variant ${variantId}` }, 404);
      lines.push({
        id: String(state.id()),
        variantId,
        productId: found.product.id,
        title: found.product.title,
        variantTitle: found.variant.title === "Default Title" ? null : found.variant.title,
        sku: found.variant.sku,
        quantity,
        priceCents: cents(found.variant.price),
        discountCents: 0,
      });
    }
    const id = String(5_900_000_000_000 + state.id());
    const order: StandinOrder = {
      id,
      name: input.name ?? `#${1000 + state.storeOrders(domain).size + 1}`,
      email: input.email,
      phone: input.phone,
      customer: input.customer && { id: String(7_400_000_000_000 + state.id()), ...input.customer },
      currency: state.store(domain).currencyCode,
      createdAt: new Date().toISOString(),
      financialStatus: input.financialStatus,
      fulfilled: false,
      cancelled: false,
      taxRate: input.taxRate,
      shippingCents: cents(input.shipping),
      paidCents: 0,
      lines,
      shippingAddress: input.shippingAddress,
      notified: 0,
    };
    if (input.financialStatus === "PAID") order.paidCents = orderTotals(order, lines).total;
    state.storeOrders(domain).set(id, order);
    const payload = orderWebhookPayload(order);
    await sendWebhook("orders/create", domain, payload);
    return c.json({ order: payload }, 201);
  });
  // Changes made in the Shopify admin: fulfil the order, or its payment state.
  app.patch("/standin/stores/:domain/orders/:id", async (c) => {
    const order = state.storeOrders(c.req.param("domain")).get(c.req.param("id"));
    if (!order) return c.json({ errors: "Not Found" }, 404);
    const parsed = orderPatchSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "expected { fulfilled?, financialStatus? }" }, 400);
    Object.assign(order, parsed.data);
    return c.json({ order: orderWebhookPayload(order) });
  });
  // A refund of some of the order's lines in the Shopify admin, and the refunds/create Shopify sends for it.
  app.post("/standin/stores/:domain/orders/:id/refunds", async (c) => {
    const domain = c.req.param("domain");
    const order = state.storeOrders(domain).get(c.req.param("id"));
    if (!order) return c.json({ errors: "Not Found" }, 404);
    const parsed = refundInputSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "expected { lines: [{ lineItemId, quantity }] }" }, 400);
    const lines = [];
    for (const { lineItemId, quantity } of parsed.data.lines) {
      const line = order.lines.find((l) => l.id === lineItemId);
      if (!line || quantity > line.quantity)
        return c.json({ error: `cannot refund ${quantity} of line ${lineItemId}` }, 422);
      lines.push({
        lineItemId: Number(line.id),
        variantId: Number(line.variantId),
        quantity,
        subtotal: money((line.priceCents - line.discountCents) * quantity),
      });
    }
    const payload = refundPayload({
      orderId: order.id,
      refundId: String(9_100_000_000_000 + state.id()),
      currency: order.currency,
      lines,
    });
    await sendWebhook("refunds/create", domain, payload);
    return c.json({ refund: payload }, 201);
  });
  app.get("/standin/stores/:domain/orders/:id", (c) => {
    const order = state.storeOrders(c.req.param("domain")).get(c.req.param("id"));
    if (!order) return c.json({ errors: "Not Found" }, 404);
    const totals = orderTotals(order, order.lines);
    return c.json({
      order: orderWebhookPayload(order),
      totals: {
        subtotal: money(totals.subtotal),
        tax: money(totals.tax),
        shipping: money(totals.shipping),
        total: money(totals.total),
        outstanding: money(totals.outstanding),
      },
      notified: order.notified,
    });
  });
  // A finished bulk query's result (Shopify serves it from signed storage URLs; no token needed either way).
  app.get("/standin/bulk/:file", (c) => {
    const text = state.bulkResults.get(c.req.param("file").replace(/\.jsonl$/, ""));
    if (text === undefined) return c.text("Not Found", 404);
    return c.body(text, 200, { "content-type": "application/jsonl" });
  });
  // Every access and refresh token issued, so a no-secrets check can look for them in what the app serves and logs.
  app.get("/standin/issued-tokens", (c) => c.json({ tokens: [...state.tokens.keys(), ...state.refreshTokens.keys()] }));
  // `?shop=` narrows the counts to one store.
  app.get("/standin/calls", (c) => {
    const only = c.req.query("shop");
    return c.json({
      calls: only === undefined ? state.calls : (state.callsByShop.get(only) ?? noCalls()),
      webhooks: state.webhooks.map(({ topic, shop, status }) => ({ topic, shop, status })),
    });
  });

  // OAuth authorize: the merchant sees the store, the app and the scopes, then installs or cancels.
  app.get("/shops/:domain/admin/oauth/authorize", (c) => {
    try {
      const store = state.store(c.req.param("domain"));
      const q = c.req.query();
      if (q.client_id !== options.apiKey)
        return c.text("Oauth error invalid_request: The client_id is not valid.", 400);
      if (!q.redirect_uri?.startsWith(`${appUrl}/`))
        return c.text("Oauth error invalid_request: The redirect_uri is not whitelisted.", 400);
      const owner = store.staff.find((s) => s.accountOwner) ?? store.staff[0]!;
      const hidden = {
        scope: q.scope ?? "",
        redirect_uri: q.redirect_uri,
        state: q.state ?? "",
        per_user: c.req.queries("grant_options[]")?.includes("per-user") ? "1" : "",
      };
      return c.html(renderAuthorizePage(store, appName, hidden.scope, hidden, q.as ?? owner.id));
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post("/shops/:domain/admin/oauth/authorize", async (c) => {
    try {
      const domain = c.req.param("domain");
      const store = state.store(domain);
      const form = (await c.req.parseBody()) as Record<string, string>;
      if (!form.redirect_uri?.startsWith(`${appUrl}/`))
        return c.text("Oauth error invalid_request: The redirect_uri is not whitelisted.", 400);
      const staffId = form.as || (store.staff.find((s) => s.accountOwner) ?? store.staff[0]!).id;
      state.staff(domain, staffId);
      const granted = new Set(
        [...(state.installations.get(domain) ?? "").split(","), ...(form.scope ?? "").split(",")].filter(Boolean),
      );
      state.install(domain, [...granted].join(","));
      const code = randomBytes(16).toString("hex");
      state.codes.set(code, {
        shop: domain,
        scope: [...granted].join(","),
        online: form.per_user === "1",
        userId: staffId,
        used: false,
        expiresAt: Date.now() + AUTH_CODE_TTL_MS,
      });
      const params: Record<string, string> = {
        code,
        host: adminHost(domain),
        shop: domain,
        state: form.state ?? "",
        timestamp: String(Math.floor(Date.now() / 1000)),
      };
      params.hmac = signAdminQuery(params, options.apiSecret);
      return c.redirect(`${form.redirect_uri}?${new URLSearchParams(params)}`, 302);
    } catch (error) {
      return fail(c, error);
    }
  });

  // The token endpoint: authorization code, token exchange and refresh grants.
  app.post("/shops/:domain/admin/oauth/access_token", async (c) => {
    const domain = c.req.param("domain");
    try {
      state.store(domain);
      const type = c.req.header("content-type") ?? "";
      const body = (type.includes("json") ? await c.req.json().catch(() => ({})) : await c.req.parseBody()) as Record<
        string,
        unknown
      >;
      if (body.client_id !== options.apiKey || body.client_secret !== options.apiSecret) {
        throw new StandinError(400, { error: "invalid_client", error_description: "Client credentials are invalid." });
      }
      const expiring = body.expiring === "1" || body.expiring === 1;
      if (body.grant_type === "refresh_token") {
        state.count(domain, "refresh");
        return c.json(state.refresh(domain, String(body.refresh_token ?? "")));
      }
      if (body.grant_type === TOKEN_EXCHANGE_GRANT) {
        state.count(domain, "tokenExchange");
        if (body.subject_token_type !== ID_TOKEN_TYPE)
          throw new StandinError(400, {
            error: "invalid_request",
            error_description: "subject_token_type must be an id_token.",
          });
        const userId = await verifySubjectToken(domain, body.subject_token);
        const scope = state.installations.get(domain);
        if (scope === undefined)
          throw new StandinError(400, {
            error: "invalid_subject_token",
            error_description: "The app is not installed on this shop.",
          });
        if (body.requested_token_type === ONLINE_TOKEN_TYPE)
          return c.json(state.issue(domain, scope, { online: true, staff: state.staff(domain, userId) }));
        return c.json(state.issue(domain, scope, { online: false, expiring }));
      }
      state.count(domain, "authorizationCode");
      const code = state.codes.get(String(body.code ?? ""));
      if (!code || code.shop !== domain || code.used || code.expiresAt <= Date.now()) {
        throw new StandinError(400, {
          error: "invalid_request",
          error_description: "The authorization code was not found or was already used",
        });
      }
      code.used = true;
      if (code.online)
        return c.json(state.issue(domain, code.scope, { online: true, staff: state.staff(domain, code.userId) }));
      return c.json(state.issue(domain, code.scope, { online: false, expiring }));
    } catch (error) {
      return fail(c, error);
    }
  });

  app.post("/shops/:domain/admin/api/:version/graphql.json", async (c) => {
    const domain = c.req.param("domain");
    try {
      state.store(domain);
      state.authenticate(domain, c.req.header("x-shopify-access-token"));
      state.count(domain, "graphql");
      const body = (await c.req.json().catch(() => null)) as { query?: unknown; variables?: unknown } | null;
      const hooks = {
        origin: new URL(c.req.url).origin,
        subscriptionChanged,
        webhook: (topic: string, shop: string, payload: unknown) => void sendWebhook(topic, shop, payload),
      };
      return c.json(executeAdminGraphql(state, domain, body ?? {}, hooks));
    } catch (error) {
      return fail(c, error);
    }
  });

  // Billing confirmation: approve → ACTIVE (replacing any other active plan), webhook, back to the app.
  const chargePath = "/shops/:domain/admin/charges/:id/confirm_recurring_application_charge";
  function findCharge(domain: string, id: string): StandinSubscription {
    const subscription = state.storeSubscriptions(domain).find((s) => s.id === `gid://shopify/AppSubscription/${id}`);
    if (!subscription) throw new StandinError(404, { errors: "Not Found" });
    return subscription;
  }
  app.get(chargePath, (c) => {
    try {
      const domain = c.req.param("domain");
      return c.html(renderChargePage(state.store(domain), appName, findCharge(domain, c.req.param("id"))));
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post(chargePath, async (c) => {
    try {
      const domain = c.req.param("domain");
      state.store(domain);
      const subscription = findCharge(domain, c.req.param("id"));
      if (subscription.status !== "PENDING") return c.text("This charge was already approved or declined.", 422);
      const form = (await c.req.parseBody()) as Record<string, string>;
      if (form.decision === "approve") {
        for (const other of state.storeSubscriptions(domain)) {
          if (other.status === "ACTIVE") {
            other.status = "CANCELLED";
            subscriptionChanged(domain, other);
          }
        }
        subscription.status = "ACTIVE";
      } else {
        subscription.status = "DECLINED";
      }
      subscriptionChanged(domain, subscription);
      const back = new URL(subscription.returnUrl);
      back.searchParams.set("charge_id", c.req.param("id"));
      return c.redirect(back.toString(), 302);
    } catch (error) {
      return fail(c, error);
    }
  });

  // The simulated admin.
  function adminContext(c: Context) {
    const domain = `${c.req.param("handle")}.myshopify.com`;
    const store = state.store(domain);
    if (c.req.param("apiKey") !== options.apiKey) throw new StandinError(404, { errors: "No such app on this store" });
    const asId = c.req.query("as");
    const staff = store.staff.find((s) => s.id === asId) ?? store.staff.find((s) => s.accountOwner) ?? store.staff[0]!;
    return { domain, store, staff, base: `/store/${storeHandle(domain)}/apps/${options.apiKey}` };
  }
  app.get("/store/:handle/apps/:apiKey", async (c) => {
    try {
      const { domain, store, staff } = adminContext(c);
      let iframeUrl: string | null = null;
      if (state.installations.has(domain)) {
        const params: Record<string, string> = {
          embedded: "1",
          host: adminHost(domain),
          id_token: await mintSessionToken(domain, staff.id),
          locale: "en",
          session: randomBytes(16).toString("hex"),
          shop: domain,
          timestamp: String(Math.floor(Date.now() / 1000)),
        };
        params.hmac = signAdminQuery(params, options.apiSecret);
        iframeUrl = `${appUrl}/?${new URLSearchParams(params)}`;
      }
      return c.html(
        renderAdminPage({
          store,
          staff,
          apiKey: options.apiKey,
          appName,
          appOrigin: new URL(appUrl).origin,
          iframeUrl,
          scope: scopes,
        }),
      );
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post("/store/:handle/apps/:apiKey/install", (c) => {
    try {
      const { domain, staff, base } = adminContext(c);
      state.install(domain, scopes);
      return c.redirect(`${base}?as=${staff.id}`, 303);
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post("/store/:handle/apps/:apiKey/uninstall", async (c) => {
    try {
      const { domain, store, staff, base } = adminContext(c);
      state.revokeStore(domain);
      await sendWebhook("app/uninstalled", domain, {
        id: Number(state.shopId(domain)),
        name: store.name,
        email: store.email,
        domain,
        myshopify_domain: domain,
        currency: store.currencyCode,
        iana_timezone: store.ianaTimezone,
      });
      return c.redirect(`${base}?as=${staff.id}`, 303);
    } catch (error) {
      return fail(c, error);
    }
  });
  app.post("/store/:handle/apps/:apiKey/session-token", async (c) => {
    try {
      const { domain, staff } = adminContext(c);
      if (!state.installations.has(domain)) return c.json({ error: "The app is not installed on this store." }, 400);
      return c.json({ token: await mintSessionToken(domain, staff.id) });
    } catch (error) {
      return fail(c, error);
    }
  });

  async function listen(port = 0, host = "127.0.0.1"): Promise<RunningShopifyStandin> {
    // overrideGlobalObjects: false keeps the host process's own Request/Response (a Next dev server, vitest) intact.
    const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    return {
      url: `http://${host}:${address.port}`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  }

  return { app, state, listen };
}
