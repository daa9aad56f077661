import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { getBackInStockSettings } from "@/lib/restock/get-back-in-stock-settings";
import { startManualRestock } from "@/lib/restock/start-manual-restock";
import type { SendToWaitlistInput } from "./send-to-waitlist-schema";

/**
 * Reports → Current waitlist → Send: alerts that variant's waiting customers now. A variant at or below the
 * restock threshold (sold out) is sent only when the merchant confirmed it: the alert says "back in stock".
 * Each customer still gets at most one alert for it (the ledger keys every delivery by restock and entry), and a
 * double click is one send and one audit entry.
 */
export async function sendToWaitlist(
  input: SendToWaitlistInput,
  ctx: ShopContext,
): Promise<{ restockId: string; waiting: number }> {
  const [variant, rules] = await Promise.all([
    prisma.variant.findFirst({
      where: { id: input.variantId, shopId: ctx.shop.id },
      select: { id: true, title: true, available: true },
    }),
    getBackInStockSettings(ctx.shop.id),
  ]);
  if (!variant) throw new AppError("NOT_FOUND", "That product variant is not in this shop's catalog.");
  const waiting = await prisma.waitlistEntry.count({
    where: { shopId: ctx.shop.id, variantId: variant.id, status: "WAITING" },
  });
  if (waiting === 0) throw new AppError("BAD_REQUEST", "Nobody is waiting for this variant any more.");
  if (variant.available <= rules.threshold && !input.sendWhileSoldOut) {
    throw new AppError(
      "CONFLICT",
      `This variant is sold out (${variant.available} in stock): customers would be told it is back in stock but could not buy it. Confirm to send anyway.`,
    );
  }
  const { restockId, started } = await startManualRestock(ctx.shop.id, variant.id);
  if (started)
    await recordAudit(ctx, "back_in_stock.sent_to_waitlist", {
      variantId: variant.id,
      restockId,
      waiting,
      available: variant.available,
    });
  return { restockId, waiting };
}
