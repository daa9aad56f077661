import { randomBytes, randomInt } from "node:crypto";
import { prisma } from "@/lib/db/prisma";
import { consentDisclosure } from "./consent-disclosure";
import { handleWaitlistRequest } from "./handle-waitlist-request";
import { signAppProxyQuery } from "./sign-app-proxy-query";

// Test-only helpers shared by the storefront tests (not imported by app code).

/** A product with one variant in the shop's local catalog; sold out unless `available` says otherwise. */
export async function createCatalogVariant(
  shopId: string,
  options: { available?: number; published?: boolean; title?: string; variantTitle?: string } = {},
) {
  const product = await prisma.product.create({
    data: {
      shopId,
      shopifyProductId: String(randomInt(1, 2 ** 47)),
      title: options.title ?? "Trail Runner",
      vendor: "Northwind",
      handle: `trail-runner-${randomBytes(3).toString("hex")}`,
      published: options.published ?? true,
    },
  });
  return prisma.variant.create({
    data: {
      shopId,
      productId: product.id,
      shopifyVariantId: String(randomInt(1, 2 ** 47)),
      title: options.variantTitle ?? "Blue / 9",
      price: "120.00",
      available: options.available ?? 0,
    },
    include: { product: true },
  });
}

/** An address of its own, so one test's signups never spend another test's flood budget. */
export function randomAddress(): string {
  return `203.0.113.${randomInt(1, 255)}-${randomBytes(3).toString("hex")}`;
}

/** A valid US number of its own (the 201 area code with a 555-01xx-free line). */
export function randomPhone(): { typed: string; e164: string } {
  const line = String(randomInt(2000000, 9999999));
  return { typed: `(201) ${line.slice(0, 3)}-${line.slice(3)}`, e164: `+1201${line}` };
}

export type SignupOptions = {
  address?: string;
  /** Replaces the signed query entirely (for signature tests). */
  query?: URLSearchParams;
  headers?: Record<string, string>;
};

/**
 * The body as the theme block sends it: a signup with a phone carries the ticked consent and its disclosure,
 * unless the test sets `smsConsent` itself (the consent tests).
 */
function withConsent(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const fields = body as Record<string, unknown>;
  if (!fields.phone || "smsConsent" in fields) return body;
  return { ...fields, smsConsent: true, consentText: consentDisclosure({ name: "Test store" }) };
}

/** A POST to the waitlist endpoint as Shopify's app proxy forwards it: signed query, shopper IP in X-Forwarded-For. */
export function signupRequest(shopDomain: string, body: unknown, options: SignupOptions = {}): Request {
  const query = options.query ?? signAppProxyQuery({ shop: shopDomain }, process.env.SHOPIFY_API_SECRET!);
  return new Request(`http://app.test/api/storefront/waitlist?${query}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": options.address ?? randomAddress(),
      ...options.headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(withConsent(body)),
  });
}

/** Sends a signup and returns the status and JSON body. */
export async function postSignup(shopDomain: string, body: unknown, options: SignupOptions = {}) {
  const response = await handleWaitlistRequest(signupRequest(shopDomain, body, options));
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}
