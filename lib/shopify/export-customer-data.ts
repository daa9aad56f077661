import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findCustomerData } from "./find-customer-data";
import type { CustomersDataRequestPayload } from "./shopify-payload-schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * customers/data_request: gathers what we hold about the customer (waitlist entries, orders, messages sent) and
 * records it as an audit entry "gdpr.data_request" whose metadata is the export, for support to send to the
 * merchant within Shopify's 30 days.
 */
export async function exportCustomerData(
  shopId: string,
  payload: CustomersDataRequestPayload,
): Promise<{ auditLogId: string; counts: Record<string, number> }> {
  const data = await findCustomerData(prisma, shopId, payload.customer, payload.orders_requested);
  const counts = {
    waitlistEntries: data.waitlistEntries.length,
    orders: data.orders.length,
    deliveries: data.deliveries.length,
  };
  const metadata = {
    dataRequestId: payload.data_request?.id ?? null,
    customer: { id: payload.customer.id ?? null, email: payload.customer.email, phone: payload.customer.phone },
    ordersRequested: payload.orders_requested,
    counts,
    export: {
      waitlistEntries: data.waitlistEntries.map((w) => ({
        product: w.variant.product.title,
        variant: w.variant.title,
        shopifyVariantId: w.variant.shopifyVariantId,
        name: w.name,
        phone: w.phone,
        email: w.email,
        shopifyCustomerId: w.shopifyCustomerId,
        channel: w.channel,
        status: w.status,
        joinedAt: iso(w.createdAt),
        notifiedAt: iso(w.notifiedAt),
      })),
      orders: data.orders.map((o) => ({
        shopifyOrderId: o.shopifyOrderId,
        name: o.name,
        customerName: o.customerName,
        email: o.email,
        phone: o.phone,
        lineItems: o.lineItems,
        receivedAt: iso(o.createdAt),
      })),
      deliveries: data.deliveries.map((d) => ({
        eventType: d.eventType,
        provider: d.provider,
        status: d.status,
        recipientPhone: d.recipientPhone,
        recipientEmail: d.recipientEmail,
        properties: d.properties,
        createdAt: iso(d.createdAt),
        deliveredAt: iso(d.deliveredAt),
      })),
    },
  } satisfies Prisma.InputJsonObject;
  const row = await prisma.auditLog.create({
    data: { shopId, actorType: "SYSTEM", action: "gdpr.data_request", metadata },
  });
  return { auditLogId: row.id, counts };
}
