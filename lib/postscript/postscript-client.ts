import { z } from "zod";
import { answerDeadline } from "@/lib/http/answer-deadline";
import { PostscriptError } from "@/lib/postscript/postscript-error";
import { postscriptEventSchema } from "@/lib/postscript/postscript-event-schema";
import { trackRequestWritten } from "@/lib/postscript/track-request-written";

export interface PostscriptClientOptions {
  /** The shop's private key (`sk_…`). */
  apiKey: string;
  /** e.g. `https://api.postscript.io/api/v2` or a sandbox's `apiBaseUrl`. */
  baseUrl: string;
  /** Whole-request budget including reading the body; default 10 000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * Awaited before each HTTP request, outside its timeout: where a caller waits for a slot of the key's rate
   * budget, so that waiting for a slot never counts as Postscript being slow. The function it may return is
   * called once the request is answered or has failed (the rate budget then knows the request has arrived).
   */
  beforeRequest?: () => Promise<(() => void) | void>;
}

export interface PostscriptShop {
  resourceId: string;
  resourceName: string;
  resourceType: string;
}

export interface PostscriptKeyword {
  id: string;
  keyword: string;
  triggeredCount: number;
  createdAt: string;
  updatedAt: string;
}

export type PostscriptPropertyValue = string | number | boolean;

export interface UpsertSubscriberInput {
  /** E.164, e.g. +15555550123. */
  phoneNumber: string;
  email?: string;
  keywordId?: string;
  keyword?: string;
  shopifyCustomerId?: string;
  origin?: "website" | "social" | "other";
  tags?: string[];
  properties?: Record<string, PostscriptPropertyValue>;
}

export interface SendEventInput {
  /** Event type id such as `back_in_stock_sms_alert`; the first event of a type creates it in Postscript. */
  type: string;
  phone?: string;
  email?: string;
  subscriberId?: string;
  occurredAt?: Date;
  /** Null values are left out: Postscript documents only strings, numbers and booleans. */
  properties: Record<string, PostscriptPropertyValue | null>;
  /** Our stable id for the event; Postscript does not de-duplicate on it, our delivery ledger does. */
  externalId: string;
}

export interface PostscriptClient {
  getMe(): Promise<PostscriptShop>;
  listKeywords(): Promise<PostscriptKeyword[]>;
  getKeyword(id: string): Promise<PostscriptKeyword | null>;
  upsertSubscriber(input: UpsertSubscriberInput): Promise<{ id: string; created: boolean }>;
  sendEvent(input: SendEventInput): Promise<{ eventIds: string[] }>;
  /** The account's webhook signing token: every delivery carries it in `Postscript-Signature`. */
  getWebhookToken(): Promise<string>;
  listWebhooks(): Promise<PostscriptWebhook[]>;
  createWebhook(input: { event: string; callbackUrl: string }): Promise<PostscriptWebhook>;
  /** Removes a subscription; one already gone counts as removed. */
  deleteWebhook(id: string): Promise<void>;
}

export interface PostscriptWebhook {
  id: string;
  event: string;
  callbackUrl: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// Keywords have no documented paging; this only bounds a server that keeps announcing more pages.
const MAX_KEYWORD_PAGES = 100;

// Ids are documented as strings, but integrations have seen numbers; either way the app stores text.
const idSchema = z.union([z.string(), z.number()]).transform(String);

const shopSchema = z.object({
  resource_id: idSchema,
  resource_name: z.string(),
  resource_type: z.string(),
});

const keywordSchema = z
  .object({
    id: idSchema,
    keyword: z.string(),
    triggered_count: z.number().nullish(),
    created_at: z.string().nullish(),
    updated_at: z.string().nullish(),
  })
  .transform((keyword): PostscriptKeyword => ({
    id: keyword.id,
    keyword: keyword.keyword,
    triggeredCount: keyword.triggered_count ?? 0,
    createdAt: keyword.created_at ?? "",
    updatedAt: keyword.updated_at ?? "",
  }));

const pageInfoSchema = z.object({ page: z.number(), total_pages: z.number() }).nullish();

const keywordListSchema = z.object({ keywords: z.array(keywordSchema), page_info: pageInfoSchema });

const subscriberListSchema = z.object({
  subscribers: z.array(z.object({ id: idSchema, phone_number: z.string().nullish() })),
});

// The create response's shape is undocumented beyond "a pending id", so the likely spellings are all read.
const createdSubscriberSchema = z
  .object({
    id: idSchema.optional(),
    subscriber_id: idSchema.optional(),
    subscriber: z.object({ id: idSchema }).optional(),
  })
  .transform((body) => body.id ?? body.subscriber_id ?? body.subscriber?.id)
  .pipe(z.string());

const eventIdsSchema = z.object({ event_ids: z.array(idSchema) });

const webhookSchema = z
  .object({ id: idSchema, event: z.string(), callback_url: z.string() })
  .transform((hook): PostscriptWebhook => ({ id: hook.id, event: hook.event, callbackUrl: hook.callback_url }));

/** Postscript's `occurred_at` form: UTC `YYYY-MM-DD HH:MM:SS.ffffff`. */
function formatOccurredAt(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000`;
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Creates a typed client for Postscript's v2 API (or the local sandbox, which speaks the same API).
 * Every failure is a `PostscriptError`; the client never retries and never logs, so callers (Inngest
 * functions, server actions) decide both.
 */
export function createPostscriptClient(options: PostscriptClientOptions): PostscriptClient {
  const { apiKey } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? fetch;

  async function request(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    init: { query?: Record<string, string>; body?: unknown } = {},
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(`${baseUrl}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);

    const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}`, Accept: "application/json" };
    if (init.body !== undefined) headers["Content-Type"] = "application/json";

    const afterRequest = await options.beforeRequest?.();

    // Our own deadline (rather than AbortSignal.timeout) tells a timeout apart from any other abort or failure.
    const controller = new AbortController();
    let timedOut = false;
    const cancelDeadline = answerDeadline(timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });

    let written: () => boolean | null = () => null;
    // Told apart because they need opposite handling: a request that never left can be sent again safely; one
    // that left and got no answer may have been acted on, and Postscript does not de-duplicate events.
    const transportError = (cause: unknown) =>
      written() === false
        ? new PostscriptError({ kind: "unreachable", cause, redact: apiKey })
        : timedOut
          ? new PostscriptError({
              kind: "timeout",
              message: `Postscript did not answer within ${timeoutMs / 1000} s; try again later.`,
              cause,
              redact: apiKey,
            })
          : new PostscriptError({ kind: "network", cause, redact: apiKey });

    try {
      let response: Response;
      let bodyText: string;
      try {
        const call = trackRequestWritten(() =>
          fetchImpl(url.toString(), {
            method,
            headers,
            body: init.body === undefined ? undefined : JSON.stringify(init.body),
            signal: controller.signal,
          }),
        );
        written = call.written;
        response = await call.response;
        // Reading the body stays inside the timeout: a server can send headers and then stall.
        bodyText = await response.text();
      } catch (cause) {
        throw transportError(cause);
      }
      if (!response.ok) {
        throw PostscriptError.fromResponse({
          status: response.status,
          bodyText,
          retryAfter: response.headers.get("retry-after"),
          redact: apiKey,
        });
      }
      return { status: response.status, body: parseJson(bodyText) };
    } finally {
      cancelDeadline();
      afterRequest?.();
    }
  }

  async function requestParsed<S extends z.ZodType>(
    schema: S,
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    init?: { query?: Record<string, string>; body?: unknown },
  ): Promise<z.output<S>> {
    const { status, body } = await request(method, path, init);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new PostscriptError({
        kind: "server_error",
        status,
        message: `Postscript answered ${method} ${path} with a response Signalboard could not read; try again later.`,
        redact: apiKey,
      });
    }
    return parsed.data;
  }

  async function findSubscriberId(phoneNumber: string): Promise<string | undefined> {
    let body: unknown;
    try {
      ({ body } = await request("GET", "/subscribers", { query: { phone_number__eq: phoneNumber } }));
    } catch (error) {
      // The lookup filter is only seen in other integrations, not documented: if Postscript refuses it, creating
      // is still the right move, and a create for an existing subscriber is handled below.
      const refused = error instanceof PostscriptError && (error.kind === "rejected" || error.kind === "not_found");
      if (refused) return undefined;
      throw error;
    }
    const parsed = subscriberListSchema.safeParse(body);
    if (!parsed.success) return undefined;
    // A server that ignores the filter lists everyone, so the phone number is checked again here.
    return parsed.data.subscribers.find((s) => s.phone_number == null || s.phone_number === phoneNumber)?.id;
  }

  async function updateSubscriber(id: string, input: UpsertSubscriberInput): Promise<void> {
    // Keyword and origin describe how someone first subscribed, so only profile fields are updated.
    await request("PATCH", `/subscribers/${encodeURIComponent(id)}`, {
      body: {
        email: input.email,
        shopify_customer_id: input.shopifyCustomerId,
        tags: input.tags,
        properties: input.properties,
      },
    });
  }

  return {
    async getMe() {
      const shop = await requestParsed(shopSchema, "GET", "/me");
      return { resourceId: shop.resource_id, resourceName: shop.resource_name, resourceType: shop.resource_type };
    },

    async listKeywords() {
      const byId = new Map<string, PostscriptKeyword>();
      let page = await requestParsed(keywordListSchema, "GET", "/keywords");
      for (let fetched = 1; ; fetched++) {
        for (const keyword of page.keywords) byId.set(keyword.id, keyword);
        const info = page.page_info;
        if (!info || info.page >= info.total_pages || fetched >= MAX_KEYWORD_PAGES) break;
        const next = info.page + 1;
        page = await requestParsed(keywordListSchema, "GET", "/keywords", { query: { page: String(next) } });
        // A server that ignores ?page would otherwise hand back page 1 until the cap.
        if (page.page_info && page.page_info.page < next) break;
      }
      return [...byId.values()];
    },

    async getKeyword(id) {
      try {
        return await requestParsed(keywordSchema, "GET", `/keywords/${encodeURIComponent(id)}`);
      } catch (error) {
        if (error instanceof PostscriptError && error.kind === "not_found") return null;
        throw error;
      }
    },

    async upsertSubscriber(input) {
      const existingId = await findSubscriberId(input.phoneNumber);
      if (existingId) {
        await updateSubscriber(existingId, input);
        return { id: existingId, created: false };
      }
      try {
        const id = await requestParsed(createdSubscriberSchema, "POST", "/subscribers", {
          body: {
            phone_number: input.phoneNumber,
            email: input.email,
            keyword_id: input.keywordId,
            keyword: input.keyword,
            shopify_customer_id: input.shopifyCustomerId,
            origin: input.origin,
            tags: input.tags,
            properties: input.properties,
          },
        });
        return { id, created: true };
      } catch (error) {
        // Postscript's answer for an existing subscriber is undocumented; one created meanwhile (a double
        // submit) is found again and updated instead of failing the signup.
        if (!(error instanceof PostscriptError) || error.kind !== "rejected") throw error;
        const raceId = await findSubscriberId(input.phoneNumber);
        if (!raceId) throw error;
        await updateSubscriber(raceId, input);
        return { id: raceId, created: false };
      }
    },

    async sendEvent(input) {
      if (input.occurredAt && Number.isNaN(input.occurredAt.getTime())) {
        throw new PostscriptError({
          kind: "rejected",
          message: "Postscript would reject this event: occurredAt is not a valid date.",
        });
      }
      const properties = Object.fromEntries(
        Object.entries(input.properties).filter(
          (entry): entry is [string, PostscriptPropertyValue] => entry[1] !== null,
        ),
      );
      // Empty strings come from blank Shopify fields and mean "no such contact", not a malformed one.
      const body = {
        type: input.type,
        subscriber_id: input.subscriberId || undefined,
        phone: input.phone || undefined,
        email: input.email || undefined,
        occurred_at: input.occurredAt ? formatOccurredAt(input.occurredAt) : undefined,
        properties,
        external_id: input.externalId,
      };
      const valid = postscriptEventSchema.safeParse(body);
      if (!valid.success) {
        const reasons = valid.error.issues
          .map((issue) => (issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message))
          .join("; ");
        throw new PostscriptError({
          kind: "rejected",
          message: `Postscript would reject this event: ${reasons}.`,
          redact: apiKey,
        });
      }
      const { body: answer } = await request("POST", "/events", { body });
      // The event is accepted at this point; an unreadable body must not turn into a retry that sends it twice.
      const parsed = eventIdsSchema.safeParse(answer);
      return { eventIds: parsed.success ? parsed.data.event_ids : [] };
    },

    async getWebhookToken() {
      return (await requestParsed(z.object({ token: z.string().min(1) }), "GET", "/webhooks/token")).token;
    },

    async listWebhooks() {
      return (await requestParsed(z.object({ webhook_subscriptions: z.array(webhookSchema) }), "GET", "/webhooks"))
        .webhook_subscriptions;
    },

    async createWebhook(input) {
      return requestParsed(webhookSchema, "POST", "/webhooks", {
        body: { event: input.event, callback_url: input.callbackUrl },
      });
    },

    async deleteWebhook(id) {
      try {
        await request("DELETE", `/webhooks/${encodeURIComponent(id)}`);
      } catch (error) {
        if (!(error instanceof PostscriptError) || error.kind !== "not_found") throw error;
      }
    },
  };
}
