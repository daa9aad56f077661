import { createHash } from "node:crypto";
import { isSafeNumber, parse as parseLossless } from "lossless-json";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { batchedJobSender } from "@/lib/jobs/batched-job-sender";
import { jobEvent } from "@/lib/jobs/job-events";
import { runAfterResponse } from "@/lib/jobs/run-after-response";
import { jsonNestingDepth } from "@/lib/security/json-nesting-depth";
import { checkWebhookPayload } from "./check-webhook-payload";
import { readCappedBody } from "./read-capped-body";
import { storeWebhookCopy } from "./store-webhook-copy";
import { COMPLIANCE_TOPICS, isShopifyTopic, MYSHOPIFY_DOMAIN, SHOP_NAMING_TOPICS } from "./shopify-topics";
import { verifyWebhookHmac } from "./verify-webhook-hmac";

/** Shopify payloads are far smaller; anything above this is refused before it is read. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** An unprocessed copy older than this whose run left no trace (a crash) is handed to the queue again. */
export const STALE_UNPROCESSED_MS = 10 * 60_000;

export type WebhookReply =
  | {
      status: 200;
      body: {
        ok: true;
        result: "accepted" | "duplicate" | "requeued" | "ignored";
        message: string;
        webhookEventId?: string;
      };
    }
  | { status: 400 | 401 | 413 | 500; body: { ok: false; error: { code: string; message: string } } };

const fail = (status: 400 | 401 | 413 | 500, code: string, message: string): WebhookReply => ({
  status,
  body: { ok: false, error: { code, message } },
});
const ok = (
  result: "accepted" | "duplicate" | "requeued" | "ignored",
  message: string,
  webhookEventId?: string,
): WebhookReply => ({
  status: 200,
  body: { ok: true, result, message, ...(webhookEventId ? { webhookEventId } : {}) },
});

/** Deeper than any Shopify payload (about 5 levels); far below what storing it as JSON can handle. */
export const MAX_WEBHOOK_DEPTH = 64;

/** Why PostgreSQL could not store this JSON (a NUL character, or absurd nesting), or null when it can. */
function unstorableReason(payload: unknown): string | null {
  const pending: [unknown, number][] = [[payload, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === "string" && value.includes("\u0000"))
      return "Webhook body contains a NUL character (\\u0000), which cannot be stored.";
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_WEBHOOK_DEPTH) return `Webhook body is nested deeper than ${MAX_WEBHOOK_DEPTH} levels.`;
    for (const [key, item] of Object.entries(value)) pending.push([key, depth], [item, depth + 1]);
  }
  return null;
}

/**
 * JSON without losing digits: Shopify ids above 2^53 (its sample order id 820982911946154508) stay exact as
 * strings, which is how we keep every Shopify id; numbers a double holds exactly stay numbers.
 */
function parseBody(text: string): unknown {
  return parseLossless(text, undefined, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
}

/**
 * The answer when this exact signed body was already received under another event id, or null. Shopify signs
 * only the body, so a captured body replayed with a new X-Shopify-Event-Id (or another shop's domain) must not
 * be processed again.
 */
async function replayOf(bodySha256: string, eventId: string, shopDomain: string): Promise<WebhookReply | null> {
  const same = await prisma.webhookEvent.findUnique({
    where: { bodySha256 },
    select: { id: true, webhookId: true, shopDomain: true },
  });
  if (!same || same.webhookId === eventId) return null;
  if (same.shopDomain !== shopDomain) {
    return fail(400, "BAD_REQUEST", "This signed body was already delivered for another shop; refused.");
  }
  return ok(
    "duplicate",
    `The same signed body was already received as event ${same.webhookId}; not processed again.`,
    same.id,
  );
}

// A burst's hand-offs share one send (one request to Inngest) instead of one each.
const sendBatched = batchedJobSender();

async function enqueue(webhookEventId: string): Promise<boolean> {
  try {
    await sendBatched(jobEvent("webhookReceived", { webhookEventId }));
    return true;
  } catch (error) {
    // Leave a mark so Shopify's retry of this delivery re-dispatches instead of being taken for a duplicate.
    const message = `Could not queue the webhook: ${error instanceof Error ? error.message : String(error)}`;
    await prisma.webhookEvent
      .updateMany({ where: { id: webhookEventId, processedAt: null }, data: { error: message.slice(0, 2000) } })
      .catch(() => undefined);
    console.error(`[webhooks] ${message}`);
    return false;
  }
}

/**
 * Receives one Shopify webhook: body size cap (413), HMAC over the raw bytes before anything else (401, nothing
 * stored), JSON that PostgreSQL can store (400, parsed without losing digits of large ids), the Shopify headers
 * (400), a body shaped like the topic's that names the header's shop where it names one (400). Known shops get a
 * WebhookEvent keyed by Shopify's event id and by the body's hash (one statement reads the shop and stores the
 * copy: INSERT … ON CONFLICT DO NOTHING), and the work is queued after the answer is sent, in batches. The same
 * body under another event id answers "duplicate" (another shop's domain: 400). Redelivery answers "duplicate" and
 * does nothing, unless the first copy never got processed (queueing failed, processing failed, or it is long
 * stale): then it is queued again. Unknown or uninstalled shops get 200 and nothing stored (Shopify would otherwise
 * retry for hours), except the privacy topics, which are honoured for an uninstalled shop.
 */
export async function receiveShopifyWebhook(
  request: Request,
  options: { secret?: string; maxBytes?: number } = {},
): Promise<WebhookReply> {
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  const raw = await readCappedBody(request, maxBytes);
  if (raw === "too_large") return fail(413, "PAYLOAD_TOO_LARGE", `Webhook body exceeds ${maxBytes} bytes.`);

  const secret = options.secret ?? env().SHOPIFY_API_SECRET;
  if (!verifyWebhookHmac(raw, request.headers.get("x-shopify-hmac-sha256"), secret)) {
    return fail(401, "UNAUTHENTICATED", "Invalid webhook signature");
  }

  const text = raw.toString("utf8");
  // Measured before parsing: the lossless parser recurses, and absurd nesting would overflow its stack.
  if (jsonNestingDepth(text) > MAX_WEBHOOK_DEPTH)
    return fail(400, "BAD_REQUEST", `Webhook body is nested deeper than ${MAX_WEBHOOK_DEPTH} levels.`);
  let payload: unknown;
  try {
    payload = parseBody(text);
  } catch {
    return fail(400, "BAD_REQUEST", "Webhook body is not valid JSON.");
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return fail(400, "BAD_REQUEST", "Webhook body must be a JSON object.");
  }
  const unstorable = unstorableReason(payload);
  if (unstorable) return fail(400, "BAD_REQUEST", unstorable);

  const topic = request.headers.get("x-shopify-topic")?.trim().toLowerCase() ?? "";
  const shopDomain = request.headers.get("x-shopify-shop-domain")?.trim().toLowerCase() ?? "";
  const eventId =
    (request.headers.get("x-shopify-event-id") ?? request.headers.get("x-shopify-webhook-id"))?.trim() ?? "";
  if (!/^[a-z_]+\/[a-z_]+$/.test(topic))
    return fail(400, "BAD_REQUEST", "Missing or malformed X-Shopify-Topic header.");
  if (!MYSHOPIFY_DOMAIN.test(shopDomain))
    return fail(
      400,
      "BAD_REQUEST",
      "Missing or invalid X-Shopify-Shop-Domain header (expected a *.myshopify.com domain).",
    );
  if (!/^[\w.:-]{1,255}$/.test(eventId))
    return fail(400, "BAD_REQUEST", "Missing or malformed X-Shopify-Event-Id (or X-Shopify-Webhook-Id) header.");

  if (!isShopifyTopic(topic)) return ok("ignored", `Topic ${topic} is not one Signalboard handles; nothing stored.`);
  // Only a body that names its shop is checked against the shop's stored Shopify id, so only those few topics
  // read the shop first; the rest go to the database once.
  const knownShopifyShopId = SHOP_NAMING_TOPICS.includes(topic)
    ? ((await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { shopifyShopId: true } }))
        ?.shopifyShopId ?? null)
    : null;
  const disagreement = checkWebhookPayload(topic, payload, { shopDomain, knownShopifyShopId });
  if (disagreement) return fail(400, "BAD_REQUEST", disagreement);
  const compliance = COMPLIANCE_TOPICS.includes(topic);

  const bodySha256 = createHash("sha256").update(raw).digest("hex");
  const shop = await storeWebhookCopy({
    shopDomain,
    eventId,
    topic,
    payloadJson: JSON.stringify(payload),
    bodySha256,
    evenIfUninstalled: compliance || topic === "app/uninstalled",
  });
  if (!shop) {
    return ok(
      "ignored",
      compliance ? `No data is held for ${shopDomain}; nothing to do.` : `Unknown shop ${shopDomain}; nothing stored.`,
    );
  }
  if (shop.uninstalled && !compliance && topic !== "app/uninstalled") {
    return ok("ignored", `The app is uninstalled for ${shopDomain}; nothing stored.`);
  }
  if (shop.storedId) {
    const storedId = shop.storedId;
    // Handed over after the answer: if the process dies first, the sweep finds the stored row (findWebhooksToRetry).
    runAfterResponse(() => enqueue(storedId), "queue webhook");
    return ok("accepted", "Queued.", storedId);
  }

  const replay = await replayOf(bodySha256, eventId, shopDomain);
  if (replay) return replay;
  const earlier = await prisma.webhookEvent.findUnique({ where: { webhookId: eventId } });
  if (!earlier || earlier.processedAt)
    return ok("duplicate", "Already received and processed; nothing done.", earlier?.id);
  const stale = Date.now() - earlier.receivedAt.getTime() > STALE_UNPROCESSED_MS;
  if (!earlier.error && !stale) return ok("duplicate", "Already received and queued; nothing done.", earlier.id);
  if (!(await enqueue(earlier.id))) return fail(500, "INTERNAL", "Could not queue the webhook; please retry.");
  return ok("requeued", "Received before but never processed; queued again.", earlier.id);
}
