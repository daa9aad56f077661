import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { e164PhoneSchema } from "@/lib/postscript/e164-phone-schema";
import { postscriptEventSchema } from "@/lib/postscript/postscript-event-schema";
import { createKlaviyoApi } from "@/lib/postscript/sandbox/create-klaviyo-api";
import { createTwilioApi } from "@/lib/postscript/sandbox/create-twilio-api";
import { TwilioSandboxState } from "@/lib/postscript/sandbox/twilio-sandbox-state";
import { renderSandboxPage } from "@/lib/postscript/sandbox/render-sandbox-page";
import { SandboxWebhooks, type SandboxWebhookSubscription } from "@/lib/postscript/sandbox/sandbox-webhooks";
import {
  SandboxRequestError,
  SandboxState,
  type SandboxAccount,
  type SandboxKeyword,
  type SandboxSubscriber,
} from "@/lib/postscript/sandbox/sandbox-state";

export interface SandboxOptions {
  /** Requests per sliding second per key; Postscript's documented limit is 15. */
  rateLimitPerSecond?: number;
  /** Seed for fault injection, so a test's sequence of injected failures repeats exactly. */
  seed?: number;
  /** Delay between webhook redeliveries; Postscript's is 5 minutes. */
  webhookRetryDelayMs?: number;
  /** The app's Twilio inbound webhook (the Messaging Service's incoming-message URL); settable later too. */
  twilioInboundUrl?: string;
  /** The Twilio stand-in's Messages API requests per second for the account before 429 / 20429. */
  twilioPerSecond?: number;
  /**
   * Events kept in the inbox, oldest dropped first (default 5,000, for a dev server left running): a benchmark that
   * counts every event it caused sets it above that count.
   */
  inboxLimit?: number;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4010; the dashboard is at `${url}/sandbox`. */
  url: string;
  /** `${url}/api/v2`, the value for POSTSCRIPT_API_BASE_URL. */
  apiBaseUrl: string;
  /** `${url}/klaviyo/api`, the value for KLAVIYO_API_BASE_URL. */
  klaviyoApiBaseUrl: string;
  /** `${url}/twilio`, the value for TWILIO_API_BASE_URL. */
  twilioApiBaseUrl: string;
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT = 15;
const SUBSCRIBER_PAGE_SIZE = 25;
const RATE_LIMITED = { error_code: 3002, error_message: "Rate limit exceeded", success: false } as const;

const propertiesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const subscriberCreateSchema = z.object({
  phone_number: e164PhoneSchema,
  email: z.string().nullish(),
  keyword: z.string().nullish(),
  keyword_id: z.string().nullish(),
  shopify_customer_id: z.union([z.string(), z.number()]).transform(String).nullish(),
  origin: z.enum(["website", "social", "other"]).nullish(),
  tags: z.array(z.string()).nullish(),
  properties: propertiesSchema.nullish(),
});

const subscriberUpdateSchema = subscriberCreateSchema.pick({
  email: true,
  shopify_customer_id: true,
  tags: true,
  properties: true,
});

const complianceSchema = z.object({
  subscriber_id: z.string().nullish(),
  phone_number: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
});

const faultsSchema = z
  .object({
    share429: z.number(),
    share500: z.number(),
    slowShare: z.number(),
    slowMs: z.number(),
    down: z.boolean(),
    dropConnections: z.boolean(),
    dropAfterMs: z.number(),
    keyLast4: z.string().nullable(),
    seed: z.number().int(),
  })
  .partial();

const apiKeySchema = z.object({ apiKey: z.string() });

type SandboxEnv = { Variables: { account: SandboxAccount } };

function sleep(ms: number): Promise<void> {
  // Unref'd so a slow answer in flight never keeps a finished test run or CLI alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function keywordJson(keyword: SandboxKeyword) {
  return {
    id: keyword.id,
    keyword: keyword.keyword,
    triggered_count: keyword.triggeredCount,
    created_at: keyword.createdAt,
    updated_at: keyword.updatedAt,
  };
}

function webhookJson(subscription: SandboxWebhookSubscription) {
  return {
    id: subscription.id,
    event: subscription.event,
    callback_url: subscription.callbackUrl,
    headers: {},
    created_at: subscription.createdAt,
    updated_at: subscription.updatedAt,
  };
}

function subscriberJson(subscriber: SandboxSubscriber) {
  const canSend = subscriber.optInState === "opted_in";
  return {
    id: subscriber.id,
    phone_number: subscriber.phoneNumber,
    email: subscriber.email,
    shopify_customer_id: subscriber.shopifyCustomerId,
    origin: subscriber.origin,
    keyword_id: subscriber.keywordId,
    tags: subscriber.tags,
    properties: subscriber.properties,
    created_at: subscriber.createdAt,
    updated_at: subscriber.updatedAt,
    subscriptions: { promotional: { can_send: canSend }, transactional: { can_send: canSend } },
  };
}

// Postscript's validation errors are FastAPI-shaped: {"errors": [{"loc": ["body", …], "msg", "type"}]}.
function validationError(error: z.ZodError): SandboxRequestError {
  return new SandboxRequestError(400, {
    errors: error.issues.map((issue) => ({
      loc: ["body", ...issue.path.map((part) => (typeof part === "number" ? part : String(part)))],
      msg: issue.message,
      type: issue.code === "invalid_type" ? "type_error" : `value_error.${issue.code}`,
    })),
  });
}

async function readBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new SandboxRequestError(400, {
      errors: [{ loc: ["body"], msg: "request body is not valid JSON", type: "value_error.jsondecode" }],
    });
  }
}

async function parseApiBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readBody(c));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

// The control API is our own dev tool, so its errors are plain {"error": "…"} sentences.
async function parseControlBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readBody(c));
  if (!parsed.success) {
    const reasons = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join(".") || "body"}: ${issue.message}`,
    );
    throw new SandboxRequestError(400, { error: reasons.join("; ") });
  }
  return parsed.data;
}

// What Postscript's subscriber webhooks carry about the subscriber.
function subscriberEventData(subscriber: SandboxSubscriber) {
  return {
    id: subscriber.id,
    subscriber_id: subscriber.id,
    phone_number: subscriber.phoneNumber,
    email: subscriber.email,
    shopify_customer_id: subscriber.shopifyCustomerId,
    created_at: subscriber.createdAt,
    updated_at: subscriber.updatedAt,
  };
}

const replySchema = z.object({ body: z.string().min(1) });

function createApp(state: SandboxState, webhooks: SandboxWebhooks, twilio: TwilioSandboxState): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.onError((error, c) => {
    if (error instanceof SandboxRequestError) return c.json(error.body, error.status);
    return c.json({ error: "Internal server error" }, 500);
  });
  app.notFound((c) => c.json({ error: "Not found" }, 404));

  app.use("/api/v2/*", async (c, next) => {
    // An outage answers like the load balancer in front of a dead service: 503 with a plain-text body. That is
    // deterministic for tests, unlike destroying sockets, and still exercises the client's non-JSON handling.
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization")?.trim() ?? "")?.[1];
    if (state.faultsFor(token?.slice(-4)).down) return c.text("503 Service Temporarily Unavailable", 503);
    if (!token) {
      return c.json({ error: "Missing or malformed Authorization header; expected 'Bearer <private API key>'" }, 401);
    }
    const auth = state.authenticate(token);
    if (auth.status === "forbidden") {
      return c.json({ error: "This API key does not have permission to access this resource" }, 403);
    }
    if (auth.status !== "ok") {
      const error = token.startsWith("pk_")
        ? "Public keys cannot be used with the API; use the private key (sk_)"
        : "Invalid API key";
      return c.json({ error }, 401);
    }
    if (!state.admit(auth.account)) return c.json(RATE_LIMITED, 429);

    const fault = state.drawFault(auth.account);
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.answer === "rate_limited") return c.json(RATE_LIMITED, 429);
    if (fault.answer === "server_error") return c.json({ error: "Internal server error" }, 500);

    c.set("account", auth.account);
    await next();
  });

  app.get("/api/v2/me", (c) => {
    const account = c.get("account");
    return c.json({ resource_id: account.resourceId, resource_name: account.resourceName, resource_type: "shop" });
  });

  app.get("/api/v2/keywords", (c) => c.json({ keywords: state.listKeywords(c.get("account")).map(keywordJson) }));

  app.get("/api/v2/keywords/:id", (c) => c.json(keywordJson(state.getKeyword(c.get("account"), c.req.param("id")))));

  app.get("/api/v2/subscribers", (c) => {
    const matches = state.findSubscribers(c.get("account"), {
      phoneNumber: c.req.query("phone_number__eq"),
      email: c.req.query("email__eq"),
    });
    const totalPages = Math.max(1, Math.ceil(matches.length / SUBSCRIBER_PAGE_SIZE));
    const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
    const start = (page - 1) * SUBSCRIBER_PAGE_SIZE;
    return c.json({
      subscribers: matches.slice(start, start + SUBSCRIBER_PAGE_SIZE).map(subscriberJson),
      page_info: { page, total_pages: totalPages },
    });
  });

  app.post("/api/v2/subscribers", async (c) => {
    const body = await parseApiBody(c, subscriberCreateSchema);
    const subscriber = state.createSubscriber(c.get("account"), {
      phoneNumber: body.phone_number,
      email: body.email,
      keyword: body.keyword,
      keywordId: body.keyword_id,
      shopifyCustomerId: body.shopify_customer_id,
      origin: body.origin,
      tags: body.tags,
      properties: body.properties,
    });
    return c.json({ subscriber_id: subscriber.id }, 201);
  });

  app.patch("/api/v2/subscribers/:id", async (c) => {
    const body = await parseApiBody(c, subscriberUpdateSchema);
    const subscriber = state.updateSubscriber(c.get("account"), c.req.param("id"), {
      email: body.email,
      shopifyCustomerId: body.shopify_customer_id,
      tags: body.tags,
      properties: body.properties,
    });
    return c.json(subscriberJson(subscriber));
  });

  app.post("/api/v2/events", async (c) => {
    const entry = state.recordEvent(c.get("account"), await parseApiBody(c, postscriptEventSchema));
    return c.json({ event_ids: [entry.eventId] }, 202);
  });

  app.patch("/api/v2/compliance/:action{unsubscribe|redact}", async (c) => {
    const body = await parseApiBody(c, complianceSchema);
    const recipient = { subscriberId: body.subscriber_id, phone: body.phone_number ?? body.phone, email: body.email };
    const account = c.get("account");
    if (c.req.param("action") === "unsubscribe") {
      const subscriber = state.unsubscribe(account, recipient);
      void webhooks.emit(account.resourceId, "shop.subscriber.opt_out", subscriberEventData(subscriber));
    } else state.redact(account, recipient);
    return c.json({ success: true }, 202);
  });

  app.get("/api/v2/webhooks/token", (c) => c.json({ token: webhooks.token(c.get("account").resourceId) }));

  app.get("/api/v2/webhooks", (c) =>
    c.json({ webhook_subscriptions: webhooks.list(c.get("account").resourceId).map(webhookJson) }),
  );

  app.post("/api/v2/webhooks", async (c) => {
    const body = await parseApiBody(c, z.object({ event: z.string(), callback_url: z.string() }));
    return c.json(
      webhookJson(webhooks.create(c.get("account").resourceId, { event: body.event, callbackUrl: body.callback_url })),
    );
  });

  app.delete("/api/v2/webhooks/:id", (c) => {
    webhooks.remove(c.get("account").resourceId, c.req.param("id"));
    return c.json({});
  });

  app.route("/klaviyo/api", createKlaviyoApi(state));
  const twilioApi = createTwilioApi(twilio);
  app.route("/twilio", twilioApi.api);
  app.route("/sandbox/twilio", twilioApi.control);

  app.get("/sandbox", (c) => {
    // The page holds customer-supplied text; forbidding scripts outright backs up the escaping.
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(renderSandboxPage(state.snapshot(), state.inbox(), webhooks.deliveries()));
  });

  app.get("/sandbox/inbox", (c) =>
    c.json({ events: state.inbox({ keyLast4: c.req.query("key_last4"), type: c.req.query("type") }) }),
  );

  app.get("/sandbox/state", (c) => c.json(state.snapshot()));

  app.get("/sandbox/klaviyo/events", (c) =>
    c.json({ events: state.klaviyo.events({ keyLast4: c.req.query("key_last4"), metric: c.req.query("metric") }) }),
  );

  app.put("/sandbox/klaviyo/rate-limit", async (c) => {
    const limit = z.number().int().positive();
    const limits = await parseControlBody(c, z.object({ burstPerSecond: limit, steadyPerMinute: limit }).partial());
    return c.json(state.klaviyo.setRateLimit(limits));
  });

  app.put("/sandbox/faults", async (c) => c.json(state.setFaults(await parseControlBody(c, faultsSchema))));

  app.put("/sandbox/rate-limit", async (c) => {
    const { perSecond } = await parseControlBody(c, z.object({ perSecond: z.number() }));
    state.setRateLimit(perSecond);
    return c.json({ perSecond: state.rateLimitPerSecond });
  });

  app.post("/sandbox/keywords", async (c) => {
    const { apiKey, keyword } = await parseControlBody(c, apiKeySchema.extend({ keyword: z.string() }));
    return c.json(state.addKeyword(apiKey, keyword), 201);
  });

  app.delete("/sandbox/keywords/:id", async (c) => {
    const { apiKey } = await parseControlBody(c, apiKeySchema);
    state.removeKeyword(apiKey, c.req.param("id"));
    return c.body(null, 204);
  });

  app.post("/sandbox/subscribers/opt-in", async (c) => {
    const { apiKey, phone } = await parseControlBody(c, apiKeySchema.extend({ phone: z.string() }));
    const subscriber = state.optIn(apiKey, phone);
    await webhooks.emit(state.account(apiKey)!.resourceId, "shop.subscriber.opt_in", subscriberEventData(subscriber));
    return c.json(subscriber);
  });

  // The inbox page's "Reply Y" / "Reply STOP" buttons (a form post) and tests (JSON): the customer texts back,
  // and every subscribed webhook hears about it before the answer, so the app is up to date when the page reloads.
  app.post("/sandbox/subscribers/:id/reply", async (c) => {
    const fromForm = !c.req.header("content-type")?.includes("application/json");
    const form = fromForm ? replySchema.safeParse(await c.req.parseBody()) : null;
    if (form && !form.success) throw new SandboxRequestError(400, { error: "body: the reply text is required" });
    const { body } = form ? form.data : await parseControlBody(c, replySchema);
    const { resourceId, subscriber, optedIn, optedOut } = state.reply(c.req.param("id"), body);
    const sends = [
      webhooks.emit(resourceId, "shop.incoming_message", {
        id: `im_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
        subscriber_id: subscriber.id,
        shop_id: resourceId,
        is_opt_out: optedOut,
        shopify_customer_id: subscriber.shopifyCustomerId,
        from_number: subscriber.phoneNumber,
        created_at: new Date().toISOString(),
        body,
      }),
    ];
    if (optedIn) sends.push(webhooks.emit(resourceId, "shop.subscriber.opt_in", subscriberEventData(subscriber)));
    if (optedOut) sends.push(webhooks.emit(resourceId, "shop.subscriber.opt_out", subscriberEventData(subscriber)));
    const deliveries = (await Promise.all(sends)).flat();
    return fromForm ? c.redirect("/sandbox#subscribers", 303) : c.json({ subscriber, deliveries });
  });

  app.get("/sandbox/webhooks", (c) => c.json({ deliveries: webhooks.deliveries() }));

  app.post("/sandbox/reset", (c) => {
    state.reset();
    webhooks.reset();
    twilio.reset();
    return c.body(null, 204);
  });

  return app;
}

/**
 * Creates a local Postscript API simulator: the same /api/v2 paths, auth, JSON shapes, errors and per-key rate
 * limit as the real API, plus fault injection, an inbox of what flows would text and a control API under
 * /sandbox, and Postscript's webhook API with signed deliveries (the inbox page's Reply Y / Reply STOP buttons). Its Klaviyo mode under /klaviyo/api answers Klaviyo's Get Accounts and Create Event the same way; its Twilio stand-in under /twilio sends texts with signed status callbacks, and /sandbox/twilio/phone shows each handset. `app` serves in-process (`app.request`); `listen` binds it to a port (0 = any free one).
 */
export function createSandbox(options: SandboxOptions = {}) {
  const state = new SandboxState({
    rateLimitPerSecond: options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 32),
    inboxLimit: options.inboxLimit,
  });
  const webhooks = new SandboxWebhooks({ retryDelayMs: options.webhookRetryDelayMs });
  const twilio = new TwilioSandboxState({ inboundUrl: options.twilioInboundUrl, perSecond: options.twilioPerSecond });
  const app = createApp(state, webhooks, twilio);

  async function listen(port = 0, host = "127.0.0.1"): Promise<RunningSandbox> {
    // overrideGlobalObjects: false keeps the host process's own Request/Response (a Next dev server, vitest) intact.
    const answer = getRequestListener(app.fetch, { overrideGlobalObjects: false });
    const server: Server = createServer((request, response) => {
      const faults = isApiRequest(request) ? state.faultsFor(requestKey(request)?.slice(-4)) : null;
      if (faults?.dropConnections) return dropAfterReading(request, state, faults.dropAfterMs);
      void answer(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port: boundPort } = server.address() as AddressInfo;
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`;
    return {
      url,
      apiBaseUrl: `${url}/api/v2`,
      klaviyoApiBaseUrl: `${url}/klaviyo/api`,
      twilioApiBaseUrl: `${url}/twilio`,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // Keep-alive and deliberately slow connections would otherwise hold close() open.
          server.closeAllConnections();
        }),
    };
  }

  return { app, state, webhooks, twilio, listen };
}

/** The API key a raw request carries (Postscript's `Bearer sk_…` or Klaviyo's `Klaviyo-API-Key pk_…`). */
function requestKey(request: IncomingMessage): string | undefined {
  return /^\S+\s+(\S+)$/.exec(request.headers.authorization?.trim() ?? "")?.[1];
}

function isApiRequest(request: IncomingMessage): boolean {
  const path = request.url ?? "";
  return path.startsWith("/api/v2/") || path.startsWith("/klaviyo/api/");
}

/**
 * The "accept then drop" outage: reads the whole request, never answers, closes the connection later (or never).
 * What it swallowed is noted, so a test can tell requests lost in the outage from answers its client gave up on.
 */
function dropAfterReading(request: IncomingMessage, state: SandboxState, dropAfterMs: number): void {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.once("end", () => {
    state.noteSwallowed(request.method ?? "GET", (request.url ?? "").split("?")[0]!, Buffer.concat(chunks).toString());
    if (dropAfterMs > 0) setTimeout(() => request.socket.destroy(), dropAfterMs).unref();
  });
}
