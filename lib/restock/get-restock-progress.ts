import { prisma } from "@/lib/db/prisma";
import { isRecordId } from "@/lib/db/is-record-id";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";

export type RestockProgress = {
  /** Alerts planned for the restock (0 until planning has run). */
  total: number;
  /** Accepted by the provider. */
  delivered: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Waiting for their turn (or being sent right now). */
  pending: number;
  /** Sent without the provider's answer (timeout, dropped connection, crash mid-send): not resent on their own. */
  unconfirmed: number;
  planned: boolean;
  /** Why sending is paused right now (the provider stopped answering; it resumes by itself), or null. */
  paused: string | null;
};

/** Live send progress of one restock of the shop, or null when the shop has no such restock. */
export async function getRestockProgress(shopId: string, restockId: string): Promise<RestockProgress | null> {
  if (!isRecordId(restockId)) return null;
  const restock = await prisma.restock.findFirst({ where: { id: restockId, shopId }, select: { plannedAt: true } });
  if (!restock) return null;
  const where = { restockId, shopId, eventType: BACK_IN_STOCK_ALERT };
  const [groups, pause] = await Promise.all([
    prisma.delivery.groupBy({ by: ["status"], where, _count: { _all: true } }),
    prisma.sendingPause.findFirst({ where: { shopId, resumedAt: null }, orderBy: { pausedAt: "desc" }, select: { reason: true } }),
  ]);
  const count = (...statuses: string[]) =>
    groups.filter((g) => statuses.includes(g.status)).reduce((sum, g) => sum + g._count._all, 0);
  return {
    total: count("PENDING", "SENDING", "RETRYING", "DELIVERED", "UNCONFIRMED", "FAILED", "SKIPPED"),
    delivered: count("DELIVERED"),
    retrying: count("RETRYING"),
    failed: count("FAILED"),
    skipped: count("SKIPPED"),
    pending: count("PENDING", "SENDING"),
    unconfirmed: count("UNCONFIRMED"),
    planned: restock.plannedAt !== null,
    paused: pause?.reason ?? null,
  };
}
