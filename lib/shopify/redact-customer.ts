import { parsePhoneNumberFromString } from "libphonenumber-js";
import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { customerKeys, findCustomerData } from "./find-customer-data";
import { recordWebhookAudit } from "./record-webhook-audit";
import type { CustomersRedactPayload } from "./shopify-payload-schemas";

export const REDACTED = "[redacted]";

type Json = Prisma.JsonValue;
type Matcher = { email: string | null; phoneDigits: string | null };

const digitsOf = (text: string) => text.replace(/\D/g, "");

/** The national digits of a phone ("6135550123" for +1 613-555-0123), so differently formatted copies match. */
function phoneDigits(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const national = parsePhoneNumberFromString(phone)?.nationalNumber ?? digitsOf(phone);
  return national.length >= 7 ? String(national) : null;
}

/** Replaces, anywhere in a JSON value, strings carrying the customer's email or (under a phone key) phone. */
export function scrubJson(value: Json, matcher: Matcher, key: string | null = null): { value: Json; changed: boolean } {
  if (typeof value === "string") {
    const hasEmail = matcher.email !== null && value.toLowerCase().includes(matcher.email);
    const isPhoneKey = key !== null && /phone/i.test(key);
    const looksLikePhone = isPhoneKey || /^\+?[\d\s().-]{7,24}$/.test(value.trim());
    const hasPhone = matcher.phoneDigits !== null && looksLikePhone && digitsOf(value).endsWith(matcher.phoneDigits);
    return hasEmail || hasPhone ? { value: REDACTED, changed: true } : { value, changed: false };
  }
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((item) => {
      const r = scrubJson(item, matcher, key);
      changed ||= r.changed;
      return r.value;
    });
    return { value: next, changed };
  }
  if (value && typeof value === "object") {
    let changed = false;
    const next: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = scrubJson(v ?? null, matcher, k);
      changed ||= r.changed;
      next[k] = r.value;
    }
    return { value: next, changed };
  }
  return { value, changed: false };
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export type RedactCustomerCounts = {
  waitlistEntries: number;
  orders: number;
  deliveries: number;
  webhookEvents: number;
  dataRequests: number;
};

/**
 * customers/redact: deletes the customer's waitlist entries, Postscript opt-in records, orders (those in orders_to_redact and any matching
 * their email, phone or customer id) and every delivery to them, scrubs their email and phone from stored
 * webhook payloads (their orders' payloads are replaced whole) and from earlier data-request exports. The audit
 * entry records counts only.
 */
export async function redactCustomer(shopId: string, payload: CustomersRedactPayload): Promise<RedactCustomerCounts> {
  const customerId = payload.customer.id ?? null;
  const { email, phones } = customerKeys(payload.customer);
  const matcher: Matcher = { email, phoneDigits: phoneDigits(phones[0]) };

  const counts = await prisma.$transaction(
    async (tx) => {
      const found = await findCustomerData(tx, shopId, payload.customer, payload.orders_to_redact);
      const redactedOrderIds = [...new Set([...found.orderIds, ...found.orders.map((o) => o.shopifyOrderId)])];

      const deliveries = await tx.delivery.deleteMany({ where: { id: { in: found.deliveries.map((d) => d.id) } } });
      const orders = await tx.order.deleteMany({ where: { id: { in: found.orders.map((o) => o.id) } } });
      const waitlistEntries = await tx.waitlistEntry.deleteMany({
        where: { id: { in: found.waitlistEntries.map((w) => w.id) } },
      });
      // Postscript's opt-in record is personal data too: gone with the customer's phone numbers.
      const consentPhones = [...phones, ...found.waitlistEntries.flatMap((w) => (w.phone ? [w.phone] : []))];
      await tx.subscriberConsent.deleteMany({ where: { shopId, phone: { in: consentPhones } } });

      // Narrow in SQL (text search over this shop's payloads), decide exactly in code.
      const candidates = await tx.$queryRaw<{ id: string; topic: string; payload: Json }[]>`
        SELECT id, topic, payload FROM "WebhookEvent"
        WHERE "shopId" = ${shopId} AND (
          (${email}::text IS NOT NULL AND payload::text ILIKE ${`%${likeEscape(email ?? "")}%`})
          OR (${matcher.phoneDigits}::text IS NOT NULL AND regexp_replace(payload::text, '[^0-9]', '', 'g') LIKE ${`%${matcher.phoneDigits ?? ""}%`})
          OR (${customerId}::text IS NOT NULL AND payload->'customer'->>'id' = ${customerId})
          OR (topic LIKE 'orders/%' AND payload->>'id' = ANY(${redactedOrderIds}::text[]))
        )`;
      let webhookEvents = 0;
      for (const event of candidates) {
        const body = event.payload as Record<string, Json> | null;
        const ownOrder =
          event.topic.startsWith("orders/") &&
          body !== null &&
          (redactedOrderIds.includes(String(body.id)) ||
            (customerId !== null && String((body.customer as Record<string, Json> | null)?.id ?? "") === customerId));
        const next = ownOrder
          ? { value: { id: body.id ?? null, redacted: true }, changed: true }
          : scrubJson(event.payload, matcher);
        if (!next.changed) continue;
        await tx.webhookEvent.update({ where: { id: event.id }, data: { payload: next.value ?? Prisma.JsonNull } });
        webhookEvents++;
      }

      // An earlier export for this customer is a copy of their data too.
      const exports = await tx.auditLog.findMany({
        where: { shopId, action: "gdpr.data_request" },
        select: { id: true, metadata: true },
      });
      let dataRequests = 0;
      for (const entry of exports) {
        const meta = entry.metadata as {
          dataRequestId?: Json;
          customer?: { id?: Json; email?: Json; phone?: Json };
        } | null;
        const c = meta?.customer;
        const same =
          (customerId !== null && c?.id != null && String(c.id) === customerId) ||
          (email !== null && typeof c?.email === "string" && c.email.toLowerCase() === email) ||
          (matcher.phoneDigits !== null &&
            typeof c?.phone === "string" &&
            phoneDigits(c.phone) === matcher.phoneDigits);
        if (!same) continue;
        await tx.auditLog.update({
          where: { id: entry.id },
          data: { metadata: { dataRequestId: meta?.dataRequestId ?? null, redacted: true } },
        });
        dataRequests++;
      }

      const result = {
        waitlistEntries: waitlistEntries.count,
        orders: orders.count,
        deliveries: deliveries.count,
        webhookEvents,
        dataRequests,
      };
      await recordWebhookAudit(shopId, "gdpr.customers_redact", { ...result }, tx);
      return result;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return counts;
}
