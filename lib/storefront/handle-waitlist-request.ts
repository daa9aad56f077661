import { randomUUID } from "node:crypto";
import { clientAddress } from "@/lib/auth/client-address";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { shopifyIdSchema } from "@/lib/shopify/shopify-payload-schemas";
import { verifyAppProxySignature } from "@/lib/shopify/verify-app-proxy";
import { joinWaitlist } from "./join-waitlist";
import { TooManySignupsError } from "./waitlist-throttle";
import { readCappedBody } from "@/lib/shopify/read-capped-body";

/** A signup is a few short fields; anything bigger is refused before it is read further. */
export const WAITLIST_MAX_BODY_BYTES = 16 * 1024;

/** What the storefront script receives: one status word and one sentence for the shopper. */
export type WaitlistResponseBody =
  | { status: "joined" | "already_waiting"; message: string }
  | { status: "error"; code: string; message: string; field?: string; retryAfterSeconds?: number };

const HEADERS = { "cache-control": "no-store", "x-content-type-options": "nosniff" } as const;

function json(body: WaitlistResponseBody, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...HEADERS, ...headers } });
}

function refuse(error: AppError): Response {
  const field = error.fieldErrors ? Object.keys(error.fieldErrors)[0] : undefined;
  if (error instanceof TooManySignupsError) {
    return json(
      { status: "error", code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds },
      error.status,
      { "retry-after": String(error.retryAfterSeconds) },
    );
  }
  return json({ status: "error", code: error.code, message: error.message, ...(field ? { field } : {}) }, error.status);
}

/** The body as UTF-8 text, or null once it passes the cap (so a huge upload is never buffered whole). */
async function readCapped(request: Request, maxBytes: number): Promise<string | null> {
  const body = await readCappedBody(request, maxBytes);
  return body === "too_large" ? null : new TextDecoder("utf-8", { fatal: true }).decode(body);
}

/**
 * `POST /api/storefront/waitlist`, reached through the shop's Shopify app proxy (the theme posts to
 * `/apps/signalboard/waitlist`; Shopify forwards it here with `shop`, `logged_in_customer_id`, `path_prefix`,
 * `timestamp` and `signature` in the query and the shopper's IP in `X-Forwarded-For`). Checks, in order: body
 * size (413), app-proxy signature and freshness (401), the shop (404, also when uninstalled), JSON (400), then
 * joinWaitlist's checks. 201 `{status:"joined"}` for a new entry, 200 `{status:"already_waiting"}`. Every refusal
 * is `{status:"error", code, message, field?}` with a message for the shopper, and changes nothing.
 */
export async function handleWaitlistRequest(request: Request): Promise<Response> {
  // undefined: not UTF-8, or the connection broke mid-body; refused as unreadable once the sender is verified.
  const text = await readCapped(request, WAITLIST_MAX_BODY_BYTES).catch(() => undefined);
  if (text === null) {
    return refuse(new AppError("PAYLOAD_TOO_LARGE", "That signup is too large. Shorten your name and try again."));
  }

  const query = new URL(request.url).searchParams;
  const verified = verifyAppProxySignature(query, env().SHOPIFY_API_SECRET);
  if (!verified.ok) {
    const expired = /expired|future/.test(verified.reason);
    return refuse(
      new AppError(
        "UNAUTHENTICATED",
        expired
          ? "This page has been open for a while. Refresh it and try again."
          : "We couldn't verify this request. Refresh the page and try again.",
      ),
    );
  }

  const domain = query.get("shop")?.trim().toLowerCase() ?? "";
  const shop = domain
    ? await prisma.shop.findUnique({
        where: { domain },
        select: { id: true, domain: true, timeZone: true, currency: true, uninstalledAt: true },
      })
    : null;
  if (!shop || shop.uninstalledAt) {
    return refuse(new AppError("NOT_FOUND", "This store isn't taking waitlist signups right now."));
  }

  let payload: unknown;
  try {
    if (text === undefined) throw new SyntaxError("unreadable body");
    payload = JSON.parse(text);
  } catch {
    return refuse(new AppError("BAD_REQUEST", "We couldn't read your signup. Refresh the page and try again."));
  }

  try {
    // The verified signature says Shopify's proxy forwarded this: one more trusted hop, which names the shopper.
    const result = await joinWaitlist(
      shop,
      payload,
      clientAddress(request.headers, env().TRUSTED_PROXY_HOPS + 1),
      request.headers.get("referer"),
      // Signed with the rest of the query; empty when the shopper is not logged in.
      shopifyIdSchema.safeParse(query.get("logged_in_customer_id") ?? "").data,
    );
    return json({ status: result.outcome, message: result.message }, result.outcome === "joined" ? 201 : 200);
  } catch (error) {
    if (error instanceof AppError) return refuse(error);
    const reference = randomUUID();
    console.error(`[waitlist] request ${reference} failed:`, error instanceof Error ? error.stack : error);
    return json(
      {
        status: "error",
        code: "INTERNAL",
        message: `Something went wrong on our side. Please try again (reference ${reference}).`,
      },
      500,
    );
  }
}
