import { prisma } from "@/lib/db/prisma";
import { isRecordId } from "@/lib/db/is-record-id";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";
import { QUIET_HOURS_REASON } from "@/lib/deliveries/providers/built-in-sms-provider";
import { allowanceStop, smsUsage } from "@/lib/twilio/sms-usage";

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
  /** Why sending is paused right now (the provider stopped answering, the SMS allowance ran out), or null. */
  paused: string | null;
  /** Built-in SMS texts held until the recipient's quiet hours end (part of `pending`). */
  quietHours: number;
  /** Built-in SMS only: texts Twilio accepted (part of `delivered`), and those the carrier confirmed reached the handset. */
  texted: number;
  received: number;
};

/** Live send progress of one restock of the shop, or null when the shop has no such restock. */
export async function getRestockProgress(shopId: string, restockId: string): Promise<RestockProgress | null> {
  if (!isRecordId(restockId)) return null;
  const restock = await prisma.restock.findFirst({ where: { id: restockId, shopId }, select: { plannedAt: true } });
  if (!restock) return null;
  const where = { restockId, shopId, eventType: BACK_IN_STOCK_ALERT };
  const textedIds = (
    await prisma.delivery.findMany({
      where: { ...where, provider: "BUILT_IN", status: "DELIVERED" },
      select: { id: true },
    })
  ).map((d) => d.id);
  const [groups, pause, quietHours, received, builtInWaiting] = await Promise.all([
    prisma.delivery.groupBy({ by: ["status"], where, _count: { _all: true } }),
    prisma.sendingPause.findFirst({
      where: { shopId, resumedAt: null },
      orderBy: { pausedAt: "desc" },
      select: { reason: true },
    }),
    prisma.delivery.count({
      where: { ...where, status: "PENDING", error: { startsWith: `Waiting: ${QUIET_HOURS_REASON}` } },
    }),
    prisma.smsMessage.count({ where: { shopId, status: "delivered", deliveryId: { in: textedIds } } }),
    prisma.delivery.count({ where: { ...where, provider: "BUILT_IN", status: { in: ["PENDING", "RETRYING"] } } }),
  ]);
  let allowance: string | null = null;
  if (builtInWaiting > 0) {
    const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { plan: true } });
    allowance = allowanceStop(await smsUsage(shopId, shop.plan), shop.plan);
  }
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
    paused: pause?.reason ?? allowance,
    quietHours,
    texted: textedIds.length,
    received,
  };
}
