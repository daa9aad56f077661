import { prisma } from "@/lib/db/prisma";

export type DeliveryTotals = {
  delivered: number;
  failed: number;
  /** Postscript deliveries waiting to be sent (held while the key is stopped). */
  heldForPostscript: number;
};

/** The overview's counts of the shop's deliveries. */
export async function getDeliveryTotals(shopId: string): Promise<DeliveryTotals> {
  const [delivered, failed, heldForPostscript] = await Promise.all([
    prisma.delivery.count({ where: { shopId, status: "DELIVERED" } }),
    prisma.delivery.count({ where: { shopId, status: "FAILED" } }),
    prisma.delivery.count({ where: { shopId, provider: "POSTSCRIPT", status: { in: ["PENDING", "RETRYING"] } } }),
  ]);
  return { delivered, failed, heldForPostscript };
}
