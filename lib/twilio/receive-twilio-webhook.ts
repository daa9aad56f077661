import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { clientForShop, IntegrationUnavailableError } from "@/lib/integrations/client-for-shop";
import { recordOptIn, recordOptOut } from "./sms-opt-outs";
import { createTwilioAccountClient, type TwilioAccountClient } from "./twilio-account-client";
import { twilioConfig } from "./twilio-config";
import { twilioErrorMeaning, UNSUBSCRIBED_CODE } from "./twilio-error-meaning";

export type TwilioWebhookReply = { status: number; body: string; contentType: string };

const TEXT = "text/plain; charset=utf-8";
const RECORD_WAIT_MS = 5_000;
const RECORD_POLL_MS = 100;
const XML = "text/xml; charset=utf-8";

/** Twilio's opt-out and opt-in keywords (Advanced Opt-Out defaults), matched on the whole trimmed message. */
export const STOP_KEYWORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
export const START_KEYWORDS = new Set(["START", "UNSTOP", "YES"]);
export const HELP_KEYWORDS = new Set(["HELP", "INFO"]);

// A receipt never moves a message back: callbacks can arrive out of order.
const STATUS_RANK: Record<string, number> = {
  accepted: 0,
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  read: 5,
};

/**
 * A verified webhook: its form parameters, and whose account signed it: the app's (`shopIds` null), or the shops
 * that connected that account as their own.
 */
type Verified =
  { ok: true; params: Record<string, string>; shopIds: string[] | null } | { ok: false; reply: TwilioWebhookReply };

/**
 * The clients able to check a signature for `accountSid`: the app's account, or every shop's own connection to
 * it (a merchant may connect one account to several shops).
 */
async function accountsFor(
  accountSid: string,
): Promise<{ app: TwilioAccountClient | null; own: Map<string, TwilioAccountClient> }> {
  const config = twilioConfig();
  const app =
    config?.accountSid === accountSid
      ? createTwilioAccountClient({ ...config, sender: { messagingServiceSid: config.messagingServiceSid } })
      : null;
  const own = new Map<string, TwilioAccountClient>();
  const rows = await prisma.integration.findMany({
    where: { provider: "TWILIO", accountId: accountSid, encryptedKey: { not: null } },
  });
  for (const row of rows) {
    try {
      own.set(row.shopId, (await clientForShop("TWILIO", row.shopId, { integration: row, require: "saved" })).client);
    } catch (error) {
      if (!(error instanceof IntegrationUnavailableError)) throw error;
    }
  }
  return { app, own };
}

const FORBIDDEN = (body: string): Verified => ({ ok: false, reply: { status: 403, body, contentType: TEXT } });

/**
 * Reads the form body and checks X-Twilio-Signature against the URL Twilio was given for `path`, with the Auth
 * Token of the account the request says it is for (the app's, or a shop's own).
 */
async function readVerified(request: Request, path: string): Promise<Verified> {
  const text = await request.text().catch(() => "");
  if (text.length > 64 * 1024) return { ok: false, reply: { status: 413, body: "Too large.", contentType: TEXT } };
  const params = Object.fromEntries(new URLSearchParams(text));
  const publicUrl = `${env().SHOPIFY_APP_URL.replace(/\/+$/, "")}${path}`;
  const signature = request.headers.get("x-twilio-signature");
  const { app, own } = await accountsFor(params.AccountSid ?? "");
  if (!app && own.size === 0) {
    if (!twilioConfig())
      return {
        ok: false,
        reply: { status: 503, body: "Built-in SMS is not configured on this server.", contentType: TEXT },
      };
    return FORBIDDEN("This request is for a Twilio account Signalboard does not send with.");
  }
  if (app?.signed(signature, publicUrl, params)) return { ok: true, params, shopIds: null };
  const shopIds = [...own].filter(([, client]) => client.signed(signature, publicUrl, params)).map(([id]) => id);
  if (shopIds.length > 0) return { ok: true, params, shopIds };
  return FORBIDDEN("Invalid X-Twilio-Signature: this request was not signed by Twilio.");
}

/**
 * `POST /api/webhooks/twilio/status`: a status callback for a text built-in SMS sent. Signature verified with the
 * Auth Token of the account that sent the text (403 otherwise, or when signed by another account); the message moves forward only (queued → sent → delivered / undelivered / failed) with Twilio's
 * error code and its meaning; an undelivered or failed text marks its ledger row FAILED with that meaning, and
 * 21610 (unsubscribed) opts the number out of the shop.
 */
export async function receiveTwilioStatus(request: Request): Promise<TwilioWebhookReply> {
  const verified = await readVerified(request, "/api/webhooks/twilio/status");
  if (!verified.ok) return verified.reply;
  const { MessageSid: sid, MessageStatus: status, ErrorCode: errorCodeText } = verified.params;
  if (!sid || !status) return { status: 400, body: "MessageSid and MessageStatus are required.", contentType: TEXT };
  // A fast callback can arrive before the sender has stored the SID Twilio just answered with: wait for it a little
  // (Twilio does not retry a status callback, so a 404 here would lose the receipt).
  let message = await prisma.smsMessage.findUnique({ where: { sid } });
  for (let waited = 0; !message && waited < RECORD_WAIT_MS; waited += RECORD_POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, RECORD_POLL_MS));
    message = await prisma.smsMessage.findUnique({ where: { sid } });
  }
  if (!message) return { status: 404, body: "Unknown message.", contentType: TEXT };
  // Signed by one account about a text another account sent (texts from before accountSid was kept: the app's).
  const sentBy = message.accountSid ?? twilioConfig()?.accountSid;
  if (sentBy !== verified.params.AccountSid || (verified.shopIds && !verified.shopIds.includes(message.shopId)))
    return { status: 403, body: "This request is for another Twilio account.", contentType: TEXT };
  if ((STATUS_RANK[status] ?? 0) < (STATUS_RANK[message.status] ?? 0))
    return { status: 200, body: "", contentType: TEXT };
  const errorCode = errorCodeText && /^\d+$/.test(errorCodeText) ? Number(errorCodeText) : null;
  const meaning = twilioErrorMeaning(errorCode);
  // The rank is checked again in the write: two callbacks for one text read the same row side by side, and the
  // older one ("sent") written last would move a delivered text back.
  const rank = STATUS_RANK[status] ?? 0;
  const written = await prisma.smsMessage.updateMany({
    where: {
      id: message.id,
      OR: [
        { status: { in: Object.keys(STATUS_RANK).filter((known) => STATUS_RANK[known]! <= rank) } },
        { status: { notIn: Object.keys(STATUS_RANK) } },
      ],
    },
    data: { status, errorCode, errorMessage: meaning, statusAt: new Date() },
  });
  if (written.count === 0) return { status: 200, body: "", contentType: TEXT };
  if (status === "undelivered" || status === "failed") {
    await prisma.delivery.updateMany({
      where: { id: message.deliveryId, status: "DELIVERED" },
      data: {
        status: "FAILED",
        error: `${status === "failed" ? "Failed" : "Undelivered"}: ${meaning ?? "the carrier did not deliver it"}.`,
      },
    });
    if (errorCode === UNSUBSCRIBED_CODE) await recordOptOut(message.shopId, message.toPhone, "STOP (Twilio 21610)");
  }
  return { status: 200, body: "", contentType: TEXT };
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch]!,
  );
}

function twiml(reply: string | null): TwilioWebhookReply {
  const inner = reply ? `<Message>${escapeXml(reply)}</Message>` : "";
  return { status: 200, body: `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`, contentType: XML };
}

/**
 * The shops a texting number means, among those the texted account sends for (`shopIds`, or any shop for the
 * app's account): the one whose text it last received from that account (it is replying to that), else every
 * such shop it signed up with (a STOP before any text still has to count).
 */
async function shopsOf(
  phone: string,
  accountSid: string,
  shopIds: string[] | null,
): Promise<{ id: string; name: string }[]> {
  const scope = shopIds ? { id: { in: shopIds } } : {};
  const last = await prisma.smsMessage.findFirst({
    where: {
      toPhone: phone,
      ...(shopIds ? { shopId: { in: shopIds } } : {}),
      OR: [{ accountSid }, ...(shopIds ? [] : [{ accountSid: null }])],
    },
    orderBy: { createdAt: "desc" },
    select: { shop: { select: { id: true, name: true } } },
  });
  if (last) return [last.shop];
  return prisma.shop.findMany({
    where: { ...scope, waitlistEntries: { some: { phone } } },
    select: { id: true, name: true },
  });
}

/**
 * `POST /api/webhooks/twilio/inbound`: a customer texted the app's Messaging Service or a shop's own Twilio sender.
 * Signature verified with that account's Auth Token (403 otherwise). STOP words opt the number out of the shop(s) at once (waiting texts SKIPPED with the reason; Twilio
 * confirms the opt-out itself), START words opt it back in, HELP answers with the shop's name and how to stop.
 * Anything else gets no reply.
 */
export async function receiveTwilioInbound(request: Request): Promise<TwilioWebhookReply> {
  const verified = await readVerified(request, "/api/webhooks/twilio/inbound");
  if (!verified.ok) return verified.reply;
  const phone = verified.params.From ?? "";
  const word = (verified.params.Body ?? "").trim().toUpperCase();
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return twiml(null);
  const shops = await shopsOf(phone, verified.params.AccountSid!, verified.shopIds);
  if (STOP_KEYWORDS.has(word)) {
    for (const shop of shops) await recordOptOut(shop.id, phone, word);
    return twiml(null);
  }
  if (START_KEYWORDS.has(word)) {
    for (const shop of shops) await recordOptIn(shop.id, phone);
    return twiml(null);
  }
  if (HELP_KEYWORDS.has(word)) {
    const name = shops[0]?.name ?? "this store";
    return twiml(
      `${name}: back-in-stock alerts you signed up for. Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.`,
    );
  }
  return twiml(null);
}
