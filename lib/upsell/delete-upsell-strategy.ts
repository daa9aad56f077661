import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { DeleteUpsellStrategyInput } from "./upsell-strategy-schema";

/**
 * Deletes one of the shop's strategies. Deliveries it caused keep its id; the audit entry keeps its name, so
 * support can still tell which strategy sent them.
 */
export async function deleteUpsellStrategy(
  input: DeleteUpsellStrategyInput,
  ctx: ShopContext,
): Promise<{ id: string; name: string }> {
  const strategy = await prisma.upsellStrategy.findFirst({
    where: { id: input.strategyId, shopId: ctx.shop.id },
    select: { id: true, name: true },
  });
  if (!strategy) throw new AppError("NOT_FOUND", "Upsell strategy not found. It may already have been deleted.");
  await prisma.upsellStrategy.deleteMany({ where: { id: strategy.id, shopId: ctx.shop.id } });
  await recordAudit(ctx, "upsell.strategy_deleted", { strategyId: strategy.id, name: strategy.name });
  return strategy;
}
