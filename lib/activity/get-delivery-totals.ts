import { prisma } from "@/lib/db/prisma";
import { LEDGER_COUNT_DAYS } from "@/lib/deliveries/ledger-count-days";

export type DeliveryTotals = {
  /** Delivered and failed in the last LEDGER_COUNT_DAYS days (by their last change: when they settled). */
  delivered: number;
  failed: number;
  /** Postscript deliveries waiting to be sent (held while the key is stopped), however old. */
  heldForPostscript: number;
};

/** The overview's counts of the shop's deliveries. */
export async function getDeliveryTotals(shopId: string, now = new Date()): Promise<DeliveryTotals> {
  const since = new Date(now.getTime() - LEDGER_COUNT_DAYS * 86_400_000);
  const [delivered, failed, heldForPostscript] = await Promise.all([
    prisma.delivery.count({ where: { shopId, status: "DELIVERED", updatedAt: { gte: since } } }),
    prisma.delivery.count({ where: { shopId, status: "FAILED", updatedAt: { gte: since } } }),
    prisma.delivery.count({ where: { shopId, provider: "POSTSCRIPT", status: { in: ["PENDING", "RETRYING"] } } }),
  ]);
  return { delivered, failed, heldForPostscript };
}
