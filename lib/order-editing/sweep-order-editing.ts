import { prisma } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { ORDER_EDITING_DEADLINE_APPROACHING } from "@/lib/deliveries/event-types";
import { checkAbandonedEdit } from "./check-abandoned-edit";
import { sendDeadlineNudge } from "./send-deadline-nudge";

const BATCH = 200;

/**
 * The safety net under the per-edit and per-order Inngest functions (and their stand-in when no Inngest server
 * runs): abandoned checks that fell due, and deadline nudges that fell due, for every shop. Both underlying calls
 * are idempotent, so running this beside the functions never sends anything twice. `shopId` narrows it to one shop.
 */
export async function sweepOrderEditing(
  now: Date = new Date(),
  { shopId }: { shopId?: string } = {},
): Promise<{ abandoned: number; nudged: number }> {
  let abandoned = 0;
  for (const { id } of await dueAbandonChecks(now, BATCH, shopId))
    if ((await checkAbandonedEdit(id, now)) === "abandoned") abandoned++;
  const nudges = await dueNudges(now, BATCH, shopId);
  let nudged = 0;
  for (const { id } of nudges) if ((await sendDeadlineNudge(id, now)) === "sent") nudged++;
  return { abandoned, nudged };
}

/** Whether the sweep has anything due (a cheap look, so an idle sweep costs two small queries). */
export async function hasOrderEditingDue(now: Date = new Date()): Promise<boolean> {
  const [checks, nudges] = await Promise.all([dueAbandonChecks(now, 1), dueNudges(now, 1)]);
  return checks.length > 0 || nudges.length > 0;
}

function dueAbandonChecks(now: Date, limit: number, shopId?: string): Promise<{ id: string }[]> {
  return prisma.orderEdit.findMany({
    where: { shopId, status: "OPEN", abandonCheckAt: { lte: now } },
    orderBy: { abandonCheckAt: "asc" },
    take: limit,
    select: { id: true },
  });
}

/** Orders whose nudge time (deadline − the shop's lead) has come, still open, not nudged yet. */
function dueNudges(now: Date, limit: number, shopId?: string): Promise<{ id: string }[]> {
  // Columns hold UTC wall-clock times (timestamp without time zone): compare with the same, not a timestamptz.
  const at = now.toISOString().replace("T", " ").replace("Z", "");
  return prisma.$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Order" o
      JOIN "OrderEditingSettings" s ON s."shopId" = o."shopId" AND s."deadlineNudgeEnabled"
     WHERE o."editDeadline" > ${at}::timestamp
       AND o."editDeadline" - make_interval(mins => s."deadlineNudgeMinutes") <= ${at}::timestamp
       AND o."fulfilledAt" IS NULL AND o."cancelledAt" IS NULL
       ${shopId ? Prisma.sql`AND o."shopId" = ${shopId}` : Prisma.empty}
       AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."orderId" = o.id AND d."eventType" = ${ORDER_EDITING_DEADLINE_APPROACHING})
       AND NOT EXISTS (SELECT 1 FROM "OrderEdit" e WHERE e."orderId" = o.id AND e.status = 'SAVED')
     ORDER BY o."editDeadline" LIMIT ${limit}`;
}
