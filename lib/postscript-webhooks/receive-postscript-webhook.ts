import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db/prisma";
import { e164PhoneSchema } from "@/lib/postscript/e164-phone-schema";
import { readCappedBody } from "@/lib/shopify/read-capped-body";

export type PostscriptWebhookReply = {
  status: 200 | 400 | 401 | 413;
  body: { ok: boolean; result?: string; error?: string };
};

// Postscript's payloads are a few hundred bytes; anything far bigger is not from Postscript.
const MAX_BODY_BYTES = 64 * 1024;

const idSchema = z.union([z.string(), z.number()]).transform(String);

const envelopeSchema = z.object({
  event: z.string(),
  event_time: z.string(),
  event_data: z.record(z.string(), z.unknown()).default({}),
});

const subscriberDataSchema = z.object({
  id: idSchema.nullish(),
  subscriber_id: idSchema.nullish(),
  phone_number: z.string().nullish(),
});

const incomingMessageSchema = z.object({
  subscriber_id: idSchema.nullish(),
  from_number: z.string().nullish(),
  is_opt_out: z.boolean().default(false),
});

/** Compares through fixed-length digests so neither the token's content nor its length leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Postscript's event_time has microseconds and no zone ("2021-11-04T21:52:41.025455"): it is UTC. */
function parseEventTime(value: string): Date | null {
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const date = new Date(zoned.replace(/(\.\d{3})\d+/, "$1"));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The subscriber's phone: from the payload when it is there, else from the waitlist signup we synced with that id. */
async function resolvePhone(shopId: string, phone: string | null | undefined, subscriberId: string | null | undefined) {
  const parsed = e164PhoneSchema.safeParse(phone);
  if (parsed.success) return parsed.data;
  if (!subscriberId) return null;
  const entry = await prisma.waitlistEntry.findFirst({
    where: { shopId, postscriptSubscriberId: subscriberId, phone: { not: null } },
    select: { phone: true },
  });
  return entry?.phone ?? null;
}

/**
 * Records opt-in or opt-out for one phone. One statement, so concurrent and repeated deliveries of the same
 * event converge; an older event (a late retry) never overwrites what a newer one said.
 */
async function recordConsent(input: {
  shopId: string;
  phone: string;
  subscriberId: string | null;
  optedIn: boolean;
  at: Date;
}) {
  const state = input.optedIn ? "OPTED_IN" : "OPTED_OUT";
  const optedInAt = input.optedIn ? input.at : null;
  const optedOutAt = input.optedIn ? null : input.at;
  await prisma.$executeRaw`
    INSERT INTO "SubscriberConsent" (id, "shopId", phone, "postscriptSubscriberId", state, "optedInAt", "optedOutAt",
                                     "lastEventAt", "createdAt", "updatedAt")
    VALUES (${`sc${randomUUID().replaceAll("-", "")}`}, ${input.shopId}, ${input.phone}, ${input.subscriberId},
            ${state}::"ConsentState", ${optedInAt}, ${optedOutAt}, ${input.at}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
    ON CONFLICT ("shopId", phone) DO UPDATE SET
      state = EXCLUDED.state,
      "postscriptSubscriberId" = COALESCE(EXCLUDED."postscriptSubscriberId", "SubscriberConsent"."postscriptSubscriberId"),
      "optedInAt" = COALESCE(EXCLUDED."optedInAt", "SubscriberConsent"."optedInAt"),
      "optedOutAt" = COALESCE(EXCLUDED."optedOutAt", "SubscriberConsent"."optedOutAt"),
      "lastEventAt" = EXCLUDED."lastEventAt",
      "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE "SubscriberConsent"."lastEventAt" <= EXCLUDED."lastEventAt"`;
}

/**
 * A webhook from the shop's Postscript account: refused (401) unless `Postscript-Signature` equals the account's
 * signing token; then opt-ins, opt-outs and STOP replies are recorded per phone. Delivery is at least once, so
 * recording is idempotent; events we do not use, and replies that change nothing, are acknowledged with 200 so
 * Postscript stops retrying. Message bodies are never stored.
 */
export async function receivePostscriptWebhook(shopId: string, request: Request): Promise<PostscriptWebhookReply> {
  const signature = request.headers.get("postscript-signature");
  const integration = await prisma.integration.findUnique({
    where: { shopId_provider: { shopId, provider: "POSTSCRIPT" } },
    select: { encryptedWebhookToken: true },
  });
  if (
    !signature ||
    !integration?.encryptedWebhookToken ||
    !sameToken(signature, decryptSecret(integration.encryptedWebhookToken))
  ) {
    return { status: 401, body: { ok: false, error: "invalid signature" } };
  }
  const raw = await readCappedBody(request, MAX_BODY_BYTES);
  if (raw === "too_large") return { status: 413, body: { ok: false, error: "payload too large" } };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return { status: 400, body: { ok: false, error: "body is not JSON" } };
  }
  const envelope = envelopeSchema.safeParse(json);
  const at = envelope.success ? parseEventTime(envelope.data.event_time) : null;
  if (!envelope.success || !at) return { status: 400, body: { ok: false, error: "not a Postscript webhook envelope" } };

  const { event, event_data: data } = envelope.data;
  let change: { phone: string | null | undefined; subscriberId: string | null; optedIn: boolean } | null = null;
  if (event === "shop.subscriber.opt_in" || event === "shop.subscriber.opt_out") {
    const subscriber = subscriberDataSchema.safeParse(data);
    if (!subscriber.success) return { status: 400, body: { ok: false, error: "unreadable subscriber" } };
    const subscriberId = subscriber.data.subscriber_id ?? subscriber.data.id ?? null;
    change = { phone: subscriber.data.phone_number, subscriberId, optedIn: event === "shop.subscriber.opt_in" };
  } else if (event === "shop.incoming_message") {
    const message = incomingMessageSchema.safeParse(data);
    if (!message.success) return { status: 400, body: { ok: false, error: "unreadable message" } };
    if (message.data.is_opt_out) {
      change = { phone: message.data.from_number, subscriberId: message.data.subscriber_id ?? null, optedIn: false };
    }
  }
  if (!change) return { status: 200, body: { ok: true, result: "ignored" } };

  const phone = await resolvePhone(shopId, change.phone, change.subscriberId);
  if (!phone) return { status: 200, body: { ok: true, result: "unknown subscriber" } };
  await recordConsent({ shopId, phone, subscriberId: change.subscriberId, optedIn: change.optedIn, at });
  return { status: 200, body: { ok: true, result: change.optedIn ? "opted in" : "opted out" } };
}
