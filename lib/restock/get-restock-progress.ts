import { prisma } from "@/lib/db/prisma";
import { isRecordId } from "@/lib/db/is-record-id";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";

export type RestockProgress = {
  /** Alerts planned for the restock (0 until planning has run). */
  total: number;
  /** Accepted by the provider; includes `unconfirmed`. */
  delivered: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Waiting for their turn (or being sent right now). */
  pending: number;
  /** Delivered without the provider's answer (timeout, crash mid-send): not resent, to avoid a double text. */
  unconfirmed: number;
  planned: boolean;
};

/** Live send progress of one restock of the shop, or null when the shop has no such restock. */
export async function getRestockProgress(shopId: string, restockId: string): Promise<RestockProgress | null> {
  if (!isRecordId(restockId)) return null;
  const restock = await prisma.restock.findFirst({ where: { id: restockId, shopId }, select: { plannedAt: true } });
  if (!restock) return null;
  const where = { restockId, shopId, eventType: BACK_IN_STOCK_ALERT };
  const [groups, unconfirmed] = await Promise.all([
    prisma.delivery.groupBy({ by: ["status"], where, _count: { _all: true } }),
    prisma.delivery.count({ where: { ...where, status: "DELIVERED", error: { startsWith: "Unconfirmed" } } }),
  ]);
  const count = (...statuses: string[]) =>
    groups.filter((g) => statuses.includes(g.status)).reduce((sum, g) => sum + g._count._all, 0);
  return {
    total: count("PENDING", "SENDING", "RETRYING", "DELIVERED", "FAILED", "SKIPPED"),
    delivered: count("DELIVERED"),
    retrying: count("RETRYING"),
    failed: count("FAILED"),
    skipped: count("SKIPPED"),
    pending: count("PENDING", "SENDING"),
    unconfirmed,
    planned: restock.plannedAt !== null,
  };
}
