import { prisma } from "@/lib/db/prisma";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import type { RefundPayload } from "@/lib/shopify/shopify-payload-schemas";

/**
 * refunds/create: records the refunded quantity and subtotal of each variant of the order that the reports credit
 * (recovered or preorder), one row per refund and variant, and marks those credits changed so the next rollup
 * recomputes their day net of the refund. A redelivered refund adds nothing (unique refund id and variant); a
 * refund of an order we never stored, or of lines we did not credit, changes nothing.
 */
export async function recordOrderRefund(shopId: string, payload: RefundPayload): Promise<{ refundedVariants: number }> {
  const order = await prisma.order.findUnique({
    where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: payload.order_id } },
    select: { id: true, lineItems: true, reportAttributions: { select: { variantId: true } } },
  });
  if (!order || order.reportAttributions.length === 0) return { refundedVariants: 0 };

  // Refund lines name the order's line item (and its Shopify variant); the stored order maps either to our variant.
  const variantOf = new Map<string, string>();
  for (const line of readOrderLineItems(order.lineItems)) {
    if (!line.variantId) continue;
    if (line.shopifyLineItemId) variantOf.set(`line:${line.shopifyLineItemId}`, line.variantId);
    if (line.shopifyVariantId) variantOf.set(`variant:${line.shopifyVariantId}`, line.variantId);
  }
  const credited = new Set(order.reportAttributions.map((a) => a.variantId));
  const byVariant = new Map<string, { quantity: number; cents: number }>();
  for (const line of payload.refund_line_items) {
    const variantId =
      (line.line_item_id && variantOf.get(`line:${line.line_item_id}`)) ||
      (line.line_item?.variant_id && variantOf.get(`variant:${line.line_item.variant_id}`));
    if (!variantId || !credited.has(variantId)) continue;
    const sum = byVariant.get(variantId) ?? { quantity: 0, cents: 0 };
    sum.quantity += line.quantity;
    sum.cents += Math.round(Number(line.subtotal_set?.shop_money.amount ?? line.subtotal ?? 0) * 100);
    byVariant.set(variantId, sum);
  }
  if (byVariant.size === 0) return { refundedVariants: 0 };

  const refundedAt = payload.processed_at ?? payload.created_at ?? new Date();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.reportRefund.createMany({
      data: [...byVariant].map(([variantId, sum]) => ({
        shopId,
        orderId: order.id,
        shopifyRefundId: payload.id,
        variantId,
        quantity: sum.quantity,
        revenue: (sum.cents / 100).toFixed(2),
        refundedAt,
      })),
      skipDuplicates: true,
    });
    if (count > 0) {
      // The rollup recomputes the days of credits changed since its last run.
      await tx.reportAttribution.updateMany({
        where: { orderId: order.id, variantId: { in: [...byVariant.keys()] } },
        data: { updatedAt: new Date() },
      });
    }
    return { refundedVariants: count };
  });
}
