import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import { getAttributionWindowDays } from "./get-attribution-window-days";

const DAY_MS = 86_400_000;

type VariantLines = { quantity: number; revenueCents: number };

type Customer = { shopifyCustomerId: string | null; phone: string | null; email: string | null };

/**
 * The latest delivered alert of the variant to this customer inside the window: sent to the same phone or email,
 * or for a signup made while logged in as the same Shopify customer.
 */
async function latestAlert(shopId: string, variantId: string, contact: Customer, from: Date, to: Date) {
  const rows = await prisma.$queryRaw<{ id: string; deliveredAt: Date }[]>`
    SELECT d.id, d."deliveredAt"
      FROM "Delivery" d JOIN "Restock" r ON r.id = d."restockId"
      LEFT JOIN "WaitlistEntry" w ON w.id = d."waitlistEntryId"
     WHERE d."shopId" = ${shopId} AND d."eventType" = ${BACK_IN_STOCK_ALERT} AND d.status = 'DELIVERED'
       AND d."deliveredAt" >= ${from} AND d."deliveredAt" <= ${to}
       AND r."variantId" = ${variantId}
       AND ((${contact.phone}::text IS NOT NULL AND d."recipientPhone" = ${contact.phone})
         OR (${contact.email}::text IS NOT NULL AND lower(d."recipientEmail") = ${contact.email})
         OR (${contact.shopifyCustomerId}::text IS NOT NULL AND w."shopifyCustomerId" = ${contact.shopifyCustomerId}))
     ORDER BY d."deliveredAt" DESC
     LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * Credits a just-stored order (orders/create) to Signalboard, once per order and variant (safe to call again):
 * - a variant the customer was alerted about (a DELIVERED back-in-stock alert to the order's phone or email —
 *   the customer record's own phone and email are on the order too — or for a signup by the order's logged-in
 *   Shopify customer) within the shop's attribution window before the order is a recovered sale, credited to the
 *   latest such alert;
 * - a variant on preorder is a preorder sale.
 * A cancelled order is not credited; one cancelled later is dropped by the report rollup, and refunds
 * (recordOrderRefund) are subtracted there.
 */
export async function recordOrderAttribution(orderId: string): Promise<{ recovered: number; preorders: number }> {
  const order = await prisma.order.findUnique({ where: { id: orderId } });
  if (!order || order.cancelledAt) return { recovered: 0, preorders: 0 };
  const byVariant = new Map<string, VariantLines>();
  for (const line of readOrderLineItems(order.lineItems)) {
    if (!line.variantId || line.quantity <= 0) continue;
    const sum = byVariant.get(line.variantId) ?? { quantity: 0, revenueCents: 0 };
    sum.quantity += line.quantity;
    sum.revenueCents += Math.round(Number(line.price ?? 0) * 100) * line.quantity;
    byVariant.set(line.variantId, sum);
  }
  if (byVariant.size === 0) return { recovered: 0, preorders: 0 };

  const orderedAt = order.placedAt ?? order.createdAt;
  const contact: Customer = {
    shopifyCustomerId: order.shopifyCustomerId,
    phone: order.phone || null,
    email: order.email?.toLowerCase() || null,
  };
  const preorderVariants = new Set(
    (
      await prisma.variant.findMany({
        where: { shopId: order.shopId, id: { in: [...byVariant.keys()] }, preorder: true },
        select: { id: true },
      })
    ).map((v) => v.id),
  );
  const windowDays = await getAttributionWindowDays(order.shopId);
  const from = new Date(orderedAt.getTime() - windowDays * DAY_MS);

  let recovered = 0;
  let preorders = 0;
  for (const [variantId, lines] of byVariant) {
    const common = {
      shopId: order.shopId,
      orderId: order.id,
      variantId,
      quantity: lines.quantity,
      revenue: (lines.revenueCents / 100).toFixed(2),
      orderedAt,
    };
    if (preorderVariants.has(variantId)) {
      await prisma.reportAttribution.upsert({
        where: { orderId_kind_variantId: { orderId: order.id, kind: "PREORDER", variantId } },
        create: { ...common, kind: "PREORDER" },
        update: {},
      });
      preorders++;
    }
    if (!contact.shopifyCustomerId && !contact.phone && !contact.email) continue;
    const alert = await latestAlert(order.shopId, variantId, contact, from, orderedAt);
    if (!alert) continue;
    await prisma.reportAttribution.upsert({
      where: { orderId_kind_variantId: { orderId: order.id, kind: "RESTOCK_ALERT", variantId } },
      create: { ...common, kind: "RESTOCK_ALERT", deliveryId: alert.id, alertedAt: alert.deliveredAt },
      update: {},
    });
    recovered++;
  }
  return { recovered, preorders };
}
