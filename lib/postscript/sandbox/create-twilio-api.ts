import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { renderTwilioPhonePage } from "@/lib/postscript/sandbox/render-twilio-phone-page";
import {
  TWILIO_SANDBOX_ACCOUNT,
  type TwilioSandboxMessage,
  type TwilioSandboxState,
} from "@/lib/postscript/sandbox/twilio-sandbox-state";

const E164 = /^\+[1-9]\d{6,14}$/;

/** Twilio's REST error body: `{code, message, more_info, status}`. */
function twilioError(c: Context, status: ContentfulStatusCode, code: number, message: string) {
  return c.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status);
}

function messageJson(message: TwilioSandboxMessage) {
  const now = new Date(message.createdAt).toUTCString();
  return {
    account_sid: TWILIO_SANDBOX_ACCOUNT.accountSid,
    api_version: "2010-04-01",
    body: message.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: message.direction,
    error_code: message.errorCode,
    error_message: null,
    from: null,
    messaging_service_sid: TWILIO_SANDBOX_ACCOUNT.messagingServiceSid,
    num_media: "0",
    num_segments: String(message.segments),
    price: null,
    price_unit: "USD",
    sid: message.sid,
    status: message.status,
    subresource_uris: {},
    to: message.handset,
    uri: `/2010-04-01/Accounts/${TWILIO_SANDBOX_ACCOUNT.accountSid}/Messages/${message.sid}.json`,
  };
}

function authorized(c: Context): boolean {
  const header = c.req.header("authorization") ?? "";
  const encoded = /^Basic\s+(\S+)$/i.exec(header)?.[1];
  if (!encoded) return false;
  const [sid, token] = Buffer.from(encoded, "base64").toString("utf8").split(":");
  return (
    sid === TWILIO_SANDBOX_ACCOUNT.accountSid &&
    token === TWILIO_SANDBOX_ACCOUNT.authToken &&
    c.req.param("sid") === sid
  );
}

const faultsSchema = z
  .object({
    failNumbers: z.record(z.string().regex(E164), z.number().int().min(20000).max(39999)),
    share429: z.number().min(0).max(1),
    callbackDelayMs: z.number().int().min(0).max(60_000),
  })
  .partial();

/**
 * The sandbox's Twilio stand-in, mounted at /twilio (TWILIO_API_BASE_URL): Create Message with Twilio's Basic
 * auth, form body, JSON and error shapes (20003, 21211, 21602, 21604, 21610, 429 / 20429 over the account's rate),
 * and signed status callbacks after a delay. `control` is mounted under /sandbox/twilio: chosen failures, the
 * rate, the inbound webhook's URL, a handset's reply, and the "phone" page with each handset's conversation.
 */
export function createTwilioApi(state: TwilioSandboxState): { api: Hono; control: Hono } {
  const api = new Hono();

  api.post("/2010-04-01/Accounts/:sid/Messages.json", async (c) => {
    if (!authorized(c)) return twilioError(c, 401, 20003, "Authenticate");
    if (state.overRate()) return twilioError(c, 429, 20429, "Too Many Requests");
    const form = await c.req.parseBody();
    const to = typeof form.To === "string" ? form.To : "";
    const body = typeof form.Body === "string" ? form.Body : "";
    const service = typeof form.MessagingServiceSid === "string" ? form.MessagingServiceSid : "";
    const callback = typeof form.StatusCallback === "string" && form.StatusCallback ? form.StatusCallback : null;
    if (!to) return twilioError(c, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(c, 400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!body) return twilioError(c, 400, 21602, "Message body is required.");
    if (service !== TWILIO_SANDBOX_ACCOUNT.messagingServiceSid) {
      return twilioError(c, 400, 21701, `The Messaging Service Sid ${service} is invalid.`);
    }
    if (state.stopped.has(to)) return twilioError(c, 400, 21610, "Attempt to send to unsubscribed recipient");
    return c.json(messageJson(state.create(to, body, callback)), 201);
  });

  const control = new Hono();
  control.get("/messages", (c) => c.json({ messages: state.messages.map(messageJson), callbacks: state.callbacks }));
  control.put("/faults", async (c) => {
    const parsed = faultsSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json({ error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, 400);
    state.faults = { ...state.faults, ...parsed.data };
    return c.json(state.faults);
  });
  control.put("/rate-limit", async (c) => {
    const parsed = z.object({ perSecond: z.number().int().positive() }).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "perSecond: a positive whole number" }, 400);
    state.perSecond = parsed.data.perSecond;
    return c.json({ perSecond: state.perSecond });
  });
  control.put("/inbound-url", async (c) => {
    const parsed = z.object({ url: z.url() }).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: "url: the app's inbound webhook URL" }, 400);
    state.inboundUrl = parsed.data.url;
    return c.json({ url: state.inboundUrl });
  });
  // The phone page's reply form (a form post) and tests (JSON): the handset texts the Messaging Service.
  control.post("/reply", async (c) => {
    const fromForm = !c.req.header("content-type")?.includes("application/json");
    const raw = fromForm ? await c.req.parseBody() : await c.req.json().catch(() => null);
    const parsed = z
      .object({ handset: z.string().regex(E164), body: z.string().trim().min(1).max(1600) })
      .safeParse(raw);
    if (!parsed.success) return c.json({ error: "handset (E.164) and body (the text) are required" }, 400);
    const inbound = await state.reply(parsed.data.handset, parsed.data.body);
    return fromForm
      ? c.redirect(`/sandbox/twilio/phone#${encodeURIComponent(parsed.data.handset)}`, 303)
      : c.json(messageJson(inbound));
  });
  control.get("/phone", (c) => {
    // Customer-supplied text on the page: no scripts at all, on top of the escaping.
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
    return c.html(renderTwilioPhonePage(state.handsets()));
  });
  control.post("/reset", (c) => {
    state.reset();
    return c.body(null, 204);
  });
  return { api, control };
}
