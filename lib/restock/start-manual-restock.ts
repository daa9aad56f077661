import { prisma } from "@/lib/db/prisma";
import { BACK_IN_STOCK_ALERT } from "@/lib/deliveries/event-types";
import { AppError } from "@/lib/errors/app-error";
import { dispatchRestock } from "./dispatch-restock";

/**
 * The merchant's "Send" on the waitlist report: alerts the variant's waiting customers now, whatever the stock
 * (batching by units does not apply). A Send while an earlier manual Send of the variant is still being planned
 * or sent returns that restock instead of starting another, so a double click is one send; and each customer
 * gets at most one alert per restock anyway (the ledger key). `started` says whether this call began a new send.
 */
export async function startManualRestock(
  shopId: string,
  variantId: string,
): Promise<{ restockId: string; started: boolean }> {
  const restock = await prisma.$transaction(async (tx) => {
    const [variant] = await tx.$queryRaw<{ available: number }[]>`
      SELECT available FROM "Variant" WHERE id = ${variantId} AND "shopId" = ${shopId} FOR UPDATE`;
    if (!variant) throw new AppError("NOT_FOUND", "That product variant is not in this shop's catalog.");
    const shop = await tx.shop.findUnique({ where: { id: shopId }, select: { uninstalledAt: true } });
    if (!shop || shop.uninstalledAt)
      throw new AppError("CONFLICT", "The shop has uninstalled Signalboard: nothing can be sent.");

    const latest = await tx.restock.findFirst({
      where: { shopId, variantId, trigger: "MANUAL" },
      orderBy: { createdAt: "desc" },
      select: { id: true, plannedAt: true },
    });
    if (latest) {
      const unfinished =
        !latest.plannedAt ||
        (await tx.delivery.count({
          where: {
            restockId: latest.id,
            status: { in: ["PENDING", "SENDING", "RETRYING"] },
            eventType: BACK_IN_STOCK_ALERT,
          },
        })) > 0;
      if (unfinished) return { id: latest.id, started: false };
    }
    const created = await tx.restock.create({
      data: { shopId, variantId, trigger: "MANUAL", available: variant.available },
      select: { id: true },
    });
    return { id: created.id, started: true };
  });
  await dispatchRestock({ id: restock.id, shopId, variantId });
  return { restockId: restock.id, started: restock.started };
}
