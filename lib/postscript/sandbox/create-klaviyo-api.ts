import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { klaviyoEventBodySchema } from "@/lib/klaviyo/klaviyo-event-schema";
import type { KlaviyoSandboxAccount } from "@/lib/postscript/sandbox/klaviyo-sandbox-state";
import type { SandboxState } from "@/lib/postscript/sandbox/sandbox-state";

type KlaviyoEnv = { Variables: { account: KlaviyoSandboxAccount } };

type ErrorSource = { pointer: string } | { parameter: string } | { header: string };

const JSON_API = "application/vnd.api+json";
// Klaviyo's revisions are dates, optionally with a suffix for beta revisions (2024-10-15.pre).
const REVISION = /^(\d{4})-(\d{2})-(\d{2})(\.[a-z]+)?$/;

function sleep(ms: number): Promise<void> {
  // Unref'd so a slow answer in flight never keeps a finished test run or CLI alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** One item of Klaviyo's JSON:API error body. */
function errorItem(status: number, code: string, title: string, detail: string, source?: ErrorSource) {
  return {
    id: randomUUID(),
    status,
    code,
    title,
    detail,
    source: source ?? { pointer: "/data/" },
    links: {},
    meta: {},
  };
}

function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  items: ReturnType<typeof errorItem>[],
  headers: Record<string, string> = {},
) {
  return c.body(JSON.stringify({ errors: items }), status, { "Content-Type": JSON_API, ...headers });
}

function jsonApi(c: Context, body: unknown, status: ContentfulStatusCode = 200) {
  return c.body(JSON.stringify(body), status, { "Content-Type": JSON_API });
}

function revisionProblem(revision: string | undefined): string | null {
  if (!revision)
    return "The revision header is required: send the API revision as a date, such as revision: 2025-10-15.";
  const match = REVISION.exec(revision);
  if (!match) return `Invalid revision header "${revision}": expected a date like 2025-10-15.`;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || date.getTime() > Date.now())
    return `Invalid revision header "${revision}": no API revision was released on that date.`;
  return null;
}

/** JSON:API pointers for zod issue paths: ["data", "attributes", "time"] → /data/attributes/time. */
function validationErrors(error: z.ZodError) {
  return error.issues.map((issue) =>
    errorItem(400, "invalid", "Invalid input.", issue.message, { pointer: `/${issue.path.map(String).join("/")}` }),
  );
}

/**
 * The sandbox's Klaviyo mode, mounted under /klaviyo/api: Get Accounts and Create Event with Klaviyo's auth
 * (`Klaviyo-API-Key pk_…`), required `revision` header, JSON:API bodies and errors, per-key burst and steady
 * limits answered 429 with Retry-After, and the shared fault injection. Keys `pk_sandbox_…` work,
 * `pk_sandbox_noperm_…` lack scopes (403), anything else is refused (401).
 */
export function createKlaviyoApi(state: SandboxState): Hono<KlaviyoEnv> {
  const api = new Hono<KlaviyoEnv>();
  const klaviyo = state.klaviyo;

  api.use("*", async (c, next) => {
    const header = c.req.header("authorization")?.trim() ?? "";
    const key = /^Klaviyo-API-Key\s+(\S+)$/i.exec(header)?.[1];
    if (state.faultsFor(key?.slice(-4)).down) return c.text("503 Service Temporarily Unavailable", 503);
    if (!key) {
      return errorResponse(c, 401, [
        errorItem(
          401,
          "not_authenticated",
          "Authentication credentials were not provided.",
          "Missing or invalid authorization scheme. Please use Klaviyo-API-Key.",
        ),
      ]);
    }
    const auth = klaviyo.authenticate(key);
    if (auth.status === "forbidden") {
      return errorResponse(c, 403, [
        errorItem(
          403,
          "permission_denied",
          "You do not have permission to perform this action.",
          "This API key is missing required scopes.",
        ),
      ]);
    }
    if (auth.status !== "ok") {
      return errorResponse(c, 401, [
        errorItem(
          401,
          "authentication_failed",
          "Incorrect authentication credentials.",
          "Incorrect authentication credentials.",
        ),
      ]);
    }
    const problem = revisionProblem(c.req.header("revision")?.trim());
    if (problem)
      return errorResponse(c, 400, [errorItem(400, "invalid", "Invalid input.", problem, { header: "revision" })]);

    const admission = klaviyo.admit(auth.account);
    if (!admission.admitted) {
      const seconds = admission.retryAfterSeconds;
      return errorResponse(
        c,
        429,
        [
          errorItem(
            429,
            "throttled",
            "Request was throttled.",
            `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? "" : "s"}.`,
          ),
        ],
        { "Retry-After": String(seconds) },
      );
    }
    const fault = state.drawFault(auth.account);
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.answer === "rate_limited") {
      return errorResponse(
        c,
        429,
        [
          errorItem(
            429,
            "throttled",
            "Request was throttled.",
            "Request was throttled. Expected available in 1 second.",
          ),
        ],
        {
          "Retry-After": "1",
        },
      );
    }
    if (fault.answer === "server_error") {
      return errorResponse(c, 500, [errorItem(500, "error", "A server error occurred.", "A server error occurred.")]);
    }
    c.set("account", auth.account);
    await next();
  });

  const accounts = (c: Context<KlaviyoEnv>) => {
    const account = c.get("account");
    const self = new URL(c.req.url);
    const name = account.organizationName;
    return jsonApi(c, {
      data: [
        {
          type: "account",
          id: account.accountId,
          attributes: {
            test_account: true,
            contact_information: {
              default_sender_name: name,
              default_sender_email: `store-${account.keyLast4}@sandbox.test`,
              website_url: "https://sandbox.test",
              organization_name: name,
              street_address: {
                address1: "1 Sandbox Way",
                address2: null,
                city: "Boston",
                region: "MA",
                country: "US",
                zip: "02110",
              },
            },
            industry: "Apparel & Accessories",
            timezone: "America/New_York",
            preferred_currency: "USD",
            public_api_key: account.accountId,
            locale: "en-US",
          },
          links: { self: `${self.origin}${self.pathname.replace(/\/?$/, "/")}${account.accountId}/` },
        },
      ],
      links: { self: self.toString(), next: null, prev: null },
    });
  };

  const createEvent = async (c: Context<KlaviyoEnv>) => {
    const contentType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (contentType !== JSON_API && contentType !== "application/json") {
      return errorResponse(c, 415, [
        errorItem(
          415,
          "unsupported_media_type",
          "Unsupported media type.",
          `Unsupported media type "${contentType || "none"}" in request; use ${JSON_API}.`,
        ),
      ]);
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return errorResponse(c, 400, [
        errorItem(400, "parse_error", "Malformed request.", "JSON parse error: the request body is not valid JSON."),
      ]);
    }
    const parsed = klaviyoEventBodySchema.safeParse(body);
    if (!parsed.success) return errorResponse(c, 400, validationErrors(parsed.error));
    klaviyo.recordEvent(c.get("account"), parsed.data);
    return c.body(null, 202);
  };

  // Klaviyo answers both spellings of each path.
  api.get("/accounts", accounts);
  api.get("/accounts/", accounts);
  api.post("/events", createEvent);
  api.post("/events/", createEvent);
  api.all("*", (c) =>
    errorResponse(c, 404, [
      errorItem(404, "not_found", "Not found.", `No API endpoint ${c.req.method} ${new URL(c.req.url).pathname}.`),
    ]),
  );
  return api;
}
