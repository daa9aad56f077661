import type { Prisma } from "@/lib/generated/prisma/client";
import { shopifyPhoneToE164 } from "./shopify-phone-to-e164";

/** Who a privacy request is about, as Shopify identifies them. */
export type CustomerRef = { id?: string | null; email?: string | null; phone?: string | null };

type Db = Pick<Prisma.TransactionClient, "waitlistEntry" | "order" | "delivery" | "webhookEvent">;

/** The customer's contact points in the forms we store them (E.164 phone, lowercase email). */
export function customerKeys(customer: CustomerRef): { email: string | null; phones: string[] } {
  const email = customer.email?.trim().toLowerCase() || null;
  const raw = customer.phone?.trim() || null;
  const e164 = shopifyPhoneToE164(raw);
  const phones = [...new Set([e164, raw].filter((p): p is string => Boolean(p)))];
  return { email, phones };
}

/** Shopify order ids whose orders/create payload names this customer id (our Order rows do not keep it). */
async function orderIdsOfCustomer(db: Db, shopId: string, customerId: string): Promise<string[]> {
  const asNumber = Number(customerId);
  const events = await db.webhookEvent.findMany({
    where: {
      shopId,
      topic: "orders/create",
      OR: [
        { payload: { path: ["customer", "id"], equals: customerId } },
        ...(Number.isSafeInteger(asNumber) ? [{ payload: { path: ["customer", "id"], equals: asNumber } }] : []),
      ],
    },
    select: { payload: true },
  });
  return events
    .map((e) => (e.payload as { id?: unknown } | null)?.id)
    .filter((id): id is string | number => typeof id === "string" || typeof id === "number")
    .map(String);
}

/**
 * Everything a shop holds about one customer: waitlist entries and orders matched by email, phone, Shopify
 * customer id (the signup's logged-in customer, the orders/create payload's customer) or the given order ids, and every delivery to them or caused by those rows. Only conditions with
 * a value are used, so a customer with no email never matches every row without an email.
 */
export async function findCustomerData(db: Db, shopId: string, customer: CustomerRef, shopifyOrderIds: string[] = []) {
  const { email, phones } = customerKeys(customer);
  const byCustomerId = customer.id ? await orderIdsOfCustomer(db, shopId, customer.id) : [];
  const orderIds = [...new Set([...shopifyOrderIds, ...byCustomerId])];

  const contact = [
    ...(email ? [{ email: { equals: email, mode: "insensitive" as const } }] : []),
    ...(phones.length ? [{ phone: { in: phones } }] : []),
  ];
  // A signup made while logged in keeps the Shopify customer id, whatever contact it was given.
  const signup = [...contact, ...(customer.id ? [{ shopifyCustomerId: customer.id }] : [])];
  const waitlistEntries = signup.length
    ? await db.waitlistEntry.findMany({
        where: { shopId, OR: signup },
        include: { variant: { include: { product: true } } },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const orderConditions = [...contact, ...(orderIds.length ? [{ shopifyOrderId: { in: orderIds } }] : [])];
  const orders = orderConditions.length
    ? await db.order.findMany({ where: { shopId, OR: orderConditions }, orderBy: { createdAt: "asc" } })
    : [];

  const deliveryConditions: Prisma.DeliveryWhereInput[] = [
    ...(email ? [{ recipientEmail: { equals: email, mode: "insensitive" as const } }] : []),
    ...(phones.length ? [{ recipientPhone: { in: phones } }] : []),
    ...(orders.length ? [{ orderId: { in: orders.map((o) => o.id) } }] : []),
    ...(waitlistEntries.length ? [{ waitlistEntryId: { in: waitlistEntries.map((w) => w.id) } }] : []),
  ];
  const deliveries = deliveryConditions.length
    ? await db.delivery.findMany({ where: { shopId, OR: deliveryConditions }, orderBy: { createdAt: "asc" } })
    : [];
  return { email, phones, orderIds, waitlistEntries, orders, deliveries };
}
