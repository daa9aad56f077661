import { prisma } from "@/lib/db/prisma";
import { idempotencyKey, NO_CONTACT_REASON, PREORDER_CONFIRMED } from "@/lib/deliveries/event-types";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { readOrderLineItems } from "@/lib/shopify/order-line-item";
import { getSmsSettings } from "@/lib/sms-settings/get-sms-settings";
import { preorderProperties } from "./preorder-properties";

/**
 * Acts on an Order row just stored from orders/create (safe to call again for the same order):
 * 1. The customer's waitlist entries (same phone or email) for the variants bought become PURCHASED, which ends
 *    their reminder (and skips an alert not sent yet).
 * 2. Lines for variants flagged for preorder produce one preorder_sms_confirmed, keyed
 *    `${shopId}:preorder_sms_confirmed:${orderId}`, queued for the shop's sender; with no phone and no email on
 *    the order it is recorded SKIPPED with that reason instead.
 */
export async function handleNewOrder(orderId: string): Promise<void> {
  const order = await prisma.order.findUnique({
    where: { id: orderId },
    include: { shop: { select: { name: true } } },
  });
  if (!order) throw new AppError("NOT_FOUND", "That order was not stored.");
  const shopId = order.shopId;
  const lines = readOrderLineItems(order.lineItems);
  const variantIds = [...new Set(lines.map((line) => line.variantId).filter((id): id is string => Boolean(id)))];
  if (variantIds.length === 0) return;

  const phone = order.phone || null;
  const email = order.email || null;
  if (phone || email) {
    const sameCustomer: Prisma.WaitlistEntryWhereInput[] = [];
    if (phone) sameCustomer.push({ phone });
    if (email) sameCustomer.push({ email: { equals: email, mode: "insensitive" } });
    await prisma.waitlistEntry.updateMany({
      where: { shopId, variantId: { in: variantIds }, status: { in: ["WAITING", "NOTIFIED"] }, OR: sameCustomer },
      data: { status: "PURCHASED" },
    });
  }

  const preorderVariants = new Map(
    (
      await prisma.variant.findMany({
        where: { shopId, id: { in: variantIds }, preorder: true },
        select: { id: true, shippingTimeline: true },
      })
    ).map((variant) => [variant.id, variant]),
  );
  const items = lines.flatMap((line) => {
    const variant = line.variantId ? preorderVariants.get(line.variantId) : undefined;
    return variant ? [{ line, shippingTimeline: variant.shippingTimeline }] : [];
  });
  if (items.length === 0) return;

  const { provider } = await getSmsSettings(shopId);
  const reachable = Boolean(phone || email);
  const { count } = await prisma.delivery.createMany({
    skipDuplicates: true,
    data: [
      {
        shopId,
        provider,
        eventType: PREORDER_CONFIRMED,
        idempotencyKey: idempotencyKey(shopId, PREORDER_CONFIRMED, order.id),
        recipientPhone: phone,
        recipientEmail: email,
        properties: preorderProperties({
          orderName: order.name,
          shopName: order.shop.name,
          customerName: order.customerName,
          items,
        }),
        orderId: order.id,
        ...(reachable
          ? { status: "PENDING" as const, nextAttemptAt: new Date() }
          : { status: "SKIPPED" as const, skipReason: NO_CONTACT_REASON }),
      },
    ],
  });
  if (count > 0 && reachable) {
    try {
      await sendJobEvent("deliveriesQueued", { shopId });
    } catch (error) {
      // The row is stored and due: the minute sweeper sends it if this hand-off failed.
      console.error(
        "[preorder] could not queue the confirmation; the sweeper will send it:",
        error instanceof Error ? error.message : error,
      );
    }
  }
}
