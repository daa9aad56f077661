import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { renderTwilioPhonePage } from "@/lib/postscript/sandbox/render-twilio-phone-page";
import {
  type TwilioSandboxAccount,
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
    account_sid: message.accountSid,
    api_version: "2010-04-01",
    body: message.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: message.direction,
    error_code: message.errorCode,
    error_message: null,
    from: message.messagingServiceSid ? null : message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: "0",
    num_segments: String(message.segments),
    price: null,
    price_unit: "USD",
    sid: message.sid,
    status: message.status,
    subresource_uris: {},
    to: message.handset,
    uri: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`,
  };
}

/**
 * The account the request's Basic auth (Account SID : Auth Token) opens, or null; on account paths the SID in
 * the URL must be that account's too.
 */
function authorized(c: Context, state: TwilioSandboxState): TwilioSandboxAccount | null {
  const header = c.req.header("authorization") ?? "";
  const encoded = /^Basic\s+(\S+)$/i.exec(header)?.[1];
  if (!encoded) return null;
  const [sid = "", token = ""] = Buffer.from(encoded, "base64").toString("utf8").split(":");
  const account = state.authenticate(sid, token);
  const pathSid = c.req.param("sid")?.replace(/\.json$/, "");
  return account && (pathSid === undefined || pathSid === sid) ? account : null;
}

function numberJson(account: TwilioSandboxAccount) {
  return {
    account_sid: account.accountSid,
    capabilities: { sms: true, mms: false, voice: true },
    friendly_name: account.fromNumber,
    phone_number: account.fromNumber,
    sid: `PN${account.accountSid.slice(2)}`,
  };
}

const faultsSchema = z
  .object({
    failNumbers: z.record(z.string().regex(E164), z.number().int().min(20000).max(39999)),
    share429: z.number().min(0).max(1),
    callbackDelayMs: z.number().int().min(0).max(60_000),
  })
  .partial();

/**
 * The sandbox's Twilio stand-in, mounted at /twilio (TWILIO_API_BASE_URL): Create Message (through a Messaging Service or
 * From a number), Fetch Account, Fetch Messaging Service and the account's numbers, for several accounts, with
 * Twilio's Basic auth, form body, JSON and error shapes (20003 for a wrong SID/token pair, 20404, 21211, 21602,
 * 21604, 21606, 21610, 21701, 429 / 20429 over the account's rate), and status callbacks after a delay, signed
 * by the sending account's Auth Token. `control` is mounted under /sandbox/twilio: chosen failures, the
 * rate, the inbound webhook's URL, a handset's reply, and the "phone" page with each handset's conversation.
 */
export function createTwilioApi(state: TwilioSandboxState): { api: Hono; control: Hono } {
  const api = new Hono();
  const unauthenticated = (c: Context) => twilioError(c, 401, 20003, "Authenticate");

  // Fetch Account: what "verify on save" asks first.
  api.get("/2010-04-01/Accounts/:sid", (c) => {
    const account = authorized(c, state);
    if (!account) return unauthenticated(c);
    return c.json({
      auth_token: account.authToken,
      friendly_name: account.friendlyName,
      owner_account_sid: account.accountSid,
      sid: account.accountSid,
      status: "active",
      type: "Full",
      uri: `/2010-04-01/Accounts/${account.accountSid}.json`,
    });
  });

  // Fetch Messaging Service (messaging.twilio.com/v1): 404 / 20404 for a service of another account.
  api.get("/v1/Services/:service", (c) => {
    const account = authorized(c, state);
    if (!account) return unauthenticated(c);
    const service = c.req.param("service");
    if (service !== account.messagingServiceSid)
      return twilioError(c, 404, 20404, `The requested resource /Services/${service} was not found`);
    return c.json({ account_sid: account.accountSid, friendly_name: "Sandbox service", sid: service });
  });

  // List IncomingPhoneNumbers filtered by PhoneNumber: whether a From number is the account's.
  api.get("/2010-04-01/Accounts/:sid/IncomingPhoneNumbers.json", (c) => {
    const account = authorized(c, state);
    if (!account) return unauthenticated(c);
    const wanted = c.req.query("PhoneNumber");
    const numbers = !wanted || wanted === account.fromNumber ? [numberJson(account)] : [];
    return c.json({
      end: numbers.length - 1,
      first_page_uri: c.req.path,
      incoming_phone_numbers: numbers,
      next_page_uri: null,
      page: 0,
      page_size: 50,
      previous_page_uri: null,
      start: 0,
      uri: c.req.path,
    });
  });

  api.post("/2010-04-01/Accounts/:sid/Messages.json", async (c) => {
    const account = authorized(c, state);
    if (!account) return unauthenticated(c);
    if (state.overRate(account.accountSid)) return twilioError(c, 429, 20429, "Too Many Requests");
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const [to, body, service, from] = [text("To"), text("Body"), text("MessagingServiceSid"), text("From")];
    const callback = text("StatusCallback") || null;
    if (!to) return twilioError(c, 400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to)) return twilioError(c, 400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!body) return twilioError(c, 400, 21602, "Message body is required.");
    if (!service && !from) return twilioError(c, 400, 21603, "A 'From' phone number is required.");
    if (service && service !== account.messagingServiceSid) {
      return twilioError(c, 400, 21701, `The Messaging Service Sid ${service} is invalid.`);
    }
    if (!service && from !== account.fromNumber) {
      return twilioError(
        c,
        400,
        21606,
        `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    }
    if (state.isStopped(account.accountSid, to))
      return twilioError(c, 400, 21610, "Attempt to send to unsubscribed recipient");
    const sender = { messagingServiceSid: service || null, from: account.fromNumber };
    return c.json(messageJson(state.create(account, sender, to, body, callback)), 201);
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
  // Another account (a merchant's own), as tests and the demo need them.
  control.put("/accounts", async (c) => {
    const parsed = z
      .object({
        accountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
        authToken: z.string().regex(/^[0-9a-f]{32}$/),
        friendlyName: z.string().min(1).max(64),
        messagingServiceSid: z.string().regex(/^MG[0-9a-f]{32}$/),
        fromNumber: z.string().regex(E164),
      })
      .safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return c.json({ error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, 400);
    state.addAccount(parsed.data);
    return c.json({ accountSid: parsed.data.accountSid });
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
