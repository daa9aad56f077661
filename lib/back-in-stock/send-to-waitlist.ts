import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { startManualRestock } from "@/lib/restock/start-manual-restock";
import type { SendToWaitlistInput } from "./send-to-waitlist-schema";

/**
 * Reports → Current waitlist → Send: alerts that variant's waiting customers now, whatever the stock says.
 * Each customer still gets at most one alert for it: the ledger keys every delivery by restock and entry.
 */
export async function sendToWaitlist(input: SendToWaitlistInput, ctx: ShopContext): Promise<{ restockId: string; waiting: number }> {
  const variant = await prisma.variant.findFirst({ where: { id: input.variantId, shopId: ctx.shop.id }, select: { id: true, title: true } });
  if (!variant) throw new AppError("NOT_FOUND", "That product variant is not in this shop's catalog.");
  const waiting = await prisma.waitlistEntry.count({ where: { shopId: ctx.shop.id, variantId: variant.id, status: "WAITING" } });
  if (waiting === 0) throw new AppError("BAD_REQUEST", "Nobody is waiting for this variant any more.");
  const { restockId } = await startManualRestock(ctx.shop.id, variant.id);
  await recordAudit(ctx, "back_in_stock.sent_to_waitlist", { variantId: variant.id, restockId, waiting });
  return { restockId, waiting };
}
