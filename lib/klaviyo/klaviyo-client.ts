import { z } from "zod";
import { answerDeadline } from "@/lib/http/answer-deadline";
import { KlaviyoError } from "@/lib/klaviyo/klaviyo-error";
import { klaviyoEventBodySchema } from "@/lib/klaviyo/klaviyo-event-schema";
import { klaviyoKeyProblem } from "@/lib/klaviyo/klaviyo-key-problem";

/**
 * The API revision every request pins. Klaviyo supports a revision for two years; moving it is a deliberate
 * change, checked against the changelog, never a side effect.
 */
export const KLAVIYO_REVISION = "2025-10-15";

const JSON_API = "application/vnd.api+json";
const DEFAULT_TIMEOUT_MS = 10_000;

export interface KlaviyoClientOptions {
  /** The account's Private API Key (`pk_…`). */
  apiKey: string;
  /** e.g. `https://a.klaviyo.com/api` or a sandbox's `klaviyoApiBaseUrl`. */
  baseUrl: string;
  /** Whole-request budget including reading the body; default 10 000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface KlaviyoAccount {
  id: string;
  /** The organization name from the account's contact information, when Klaviyo has one. */
  name: string | null;
}

export type KlaviyoPropertyValue = string | number | boolean | null;

export interface SendKlaviyoEventInput {
  /** The metric (event name) flows trigger on, e.g. "Order Editing Started"; the first event creates it. */
  metricName: string;
  /** At least one of the two; phone numbers in E.164. Empty strings count as absent. */
  profile: { email?: string | null; phoneNumber?: string | null };
  properties: Record<string, KlaviyoPropertyValue>;
  time?: Date;
  /** Our stable id for the event: Klaviyo keeps only the first event with it per profile and metric. */
  uniqueId: string;
}

export interface KlaviyoClient {
  /** Get Accounts: proves the key works and names the account it belongs to. */
  getAccount(): Promise<KlaviyoAccount>;
  /** Create Event: queued by Klaviyo (202, no body). */
  sendEvent(input: SendKlaviyoEventInput): Promise<void>;
}

const accountsSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        attributes: z
          .object({
            contact_information: z
              .object({ organization_name: z.string().nullish(), default_sender_name: z.string().nullish() })
              .nullish(),
          })
          .nullish(),
      }),
    )
    .min(1),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).filter((part) => part !== "data" && part !== "attributes");
      return path.length ? `${path.join(".")}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

/**
 * Creates a typed client for Klaviyo's server-side API (or the sandbox's Klaviyo mode, which speaks the same
 * API): JSON:API bodies, the private key in `Authorization: Klaviyo-API-Key`, and a pinned `revision`. Every
 * failure is a `KlaviyoError`; the client never retries and never logs.
 */
export function createKlaviyoClient(options: KlaviyoClientOptions): KlaviyoClient {
  const { apiKey } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? fetch;

  async function request(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<{ status: number; bodyText: string }> {
    // A key that cannot be one (the public site id, a Postscript key) is refused here, not sent to Klaviyo.
    const problem = klaviyoKeyProblem(apiKey);
    if (problem) throw new KlaviyoError({ kind: "invalid_key", message: problem, redact: apiKey });

    const headers: Record<string, string> = {
      Authorization: `Klaviyo-API-Key ${apiKey}`,
      revision: KLAVIYO_REVISION,
      Accept: JSON_API,
    };
    if (body !== undefined) headers["Content-Type"] = JSON_API;

    // Our own deadline (rather than AbortSignal.timeout) tells a timeout apart from any other abort or failure.
    const controller = new AbortController();
    let timedOut = false;
    const cancelDeadline = answerDeadline(timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      let response: Response;
      let bodyText: string;
      try {
        response = await fetchImpl(`${baseUrl}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
        });
        // Reading the body stays inside the timeout: a server can send headers and then stall.
        bodyText = await response.text();
      } catch (cause) {
        throw timedOut
          ? new KlaviyoError({
              kind: "timeout",
              message: `Klaviyo did not answer within ${timeoutMs / 1000} s; try again later.`,
              cause,
              redact: apiKey,
            })
          : new KlaviyoError({ kind: "network", cause, redact: apiKey });
      }
      if (!response.ok) {
        throw KlaviyoError.fromResponse({
          status: response.status,
          bodyText,
          retryAfter: response.headers.get("retry-after"),
          redact: apiKey,
        });
      }
      return { status: response.status, bodyText };
    } finally {
      cancelDeadline();
    }
  }

  return {
    async getAccount() {
      const { status, bodyText } = await request("GET", "/accounts");
      const parsed = accountsSchema.safeParse(parseJson(bodyText));
      if (!parsed.success) {
        throw new KlaviyoError({
          kind: "server_error",
          status,
          message: "Klaviyo answered GET /accounts with a response Signalboard could not read; try again later.",
          redact: apiKey,
        });
      }
      const [account] = parsed.data.data;
      const contact = account!.attributes?.contact_information;
      return {
        id: account!.id,
        name: contact?.organization_name?.trim() || contact?.default_sender_name?.trim() || null,
      };
    },

    async sendEvent(input) {
      if (input.time && Number.isNaN(input.time.getTime())) {
        throw new KlaviyoError({
          kind: "rejected",
          message: "Klaviyo would reject this event: time is not a valid date.",
          redact: apiKey,
        });
      }
      // Empty strings come from blank Shopify fields and mean "no such contact", not a malformed one.
      const body = {
        data: {
          type: "event",
          attributes: {
            properties: input.properties,
            time: input.time?.toISOString(),
            unique_id: input.uniqueId,
            metric: { data: { type: "metric", attributes: { name: input.metricName } } },
            profile: {
              data: {
                type: "profile",
                attributes: {
                  email: input.profile.email || undefined,
                  phone_number: input.profile.phoneNumber || undefined,
                },
              },
            },
          },
        },
      };
      const valid = klaviyoEventBodySchema.safeParse(body);
      if (!valid.success) {
        throw new KlaviyoError({
          kind: "rejected",
          message: `Klaviyo would reject this event: ${describeIssues(valid.error)}.`,
          redact: apiKey,
        });
      }
      await request("POST", "/events", body);
    },
  };
}
