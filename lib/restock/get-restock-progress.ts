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
  return (await getRestocksProgress(shopId, [restockId])).get(restockId) ?? null;
}

/**
 * Live send progress of some restocks of the shop, by id (restocks of other shops, or none, are left out): a
 * handful of queries for all of them, not a handful for each (the Back in stock page and the support console show
 * ten, and a big shop's restocks have hundreds of alerts each).
 */
export async function getRestocksProgress(shopId: string, restockIds: string[]): Promise<Map<string, RestockProgress>> {
  const restocks = await prisma.restock.findMany({
    where: { id: { in: restockIds }, shopId },
    select: { id: true, plannedAt: true },
  });
  const progress = new Map<string, RestockProgress>();
  if (restocks.length === 0) return progress;
  const ids = restocks.map((r) => r.id);
  const where = { restockId: { in: ids }, shopId, eventType: BACK_IN_STOCK_ALERT };
  const [groups, pause, quietHours, received] = await Promise.all([
    prisma.delivery.groupBy({ by: ["restockId", "status", "provider"], where, _count: { _all: true } }),
    prisma.sendingPause.findFirst({
      where: { shopId, resumedAt: null },
      orderBy: { pausedAt: "desc" },
      select: { reason: true },
    }),
    prisma.delivery.groupBy({
      by: ["restockId"],
      where: { ...where, status: "PENDING", error: { startsWith: `Waiting: ${QUIET_HOURS_REASON}` } },
      _count: { _all: true },
    }),
    prisma.$queryRaw<{ restockId: string; count: number }[]>`
      SELECT d."restockId", count(*)::int AS count
        FROM "SmsMessage" m JOIN "Delivery" d ON d.id = m."deliveryId"
       WHERE m."shopId" = ${shopId} AND m.status = 'delivered' AND d."shopId" = ${shopId}
         AND d."restockId" = ANY(${ids}) AND d."eventType" = ${BACK_IN_STOCK_ALERT}
         AND d.provider = 'BUILT_IN' AND d.status = 'DELIVERED'
       GROUP BY d."restockId"`,
  ]);
  const count = (restockId: string, statuses: string[], provider?: string) =>
    groups
      .filter((g) => g.restockId === restockId && statuses.includes(g.status) && (!provider || g.provider === provider))
      .reduce((sum, g) => sum + g._count._all, 0);
  let allowance: string | null = null;
  if (groups.some((g) => g.provider === "BUILT_IN" && (g.status === "PENDING" || g.status === "RETRYING"))) {
    const shop = await prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { plan: true } });
    allowance = allowanceStop(await smsUsage(shopId, shop.plan), shop.plan);
  }
  for (const restock of restocks) {
    const id = restock.id;
    const builtInWaiting = count(id, ["PENDING", "RETRYING"], "BUILT_IN");
    progress.set(id, {
      total: count(id, ["PENDING", "SENDING", "RETRYING", "DELIVERED", "UNCONFIRMED", "FAILED", "SKIPPED"]),
      delivered: count(id, ["DELIVERED"]),
      retrying: count(id, ["RETRYING"]),
      failed: count(id, ["FAILED"]),
      skipped: count(id, ["SKIPPED"]),
      pending: count(id, ["PENDING", "SENDING"]),
      unconfirmed: count(id, ["UNCONFIRMED"]),
      planned: restock.plannedAt !== null,
      paused: pause?.reason ?? (builtInWaiting > 0 ? allowance : null),
      quietHours: quietHours.find((q) => q.restockId === id)?._count._all ?? 0,
      texted: count(id, ["DELIVERED"], "BUILT_IN"),
      received: received.find((r) => r.restockId === id)?.count ?? 0,
    });
  }
  return progress;
}
