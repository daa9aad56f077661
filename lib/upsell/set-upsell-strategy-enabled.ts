import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import type { SetUpsellStrategyEnabledInput } from "./upsell-strategy-schema";

/** Turns one of the shop's strategies on or off; a disabled strategy is never matched. */
export async function setUpsellStrategyEnabled(
  input: SetUpsellStrategyEnabledInput,
  ctx: ShopContext,
): Promise<{ id: string; enabled: boolean }> {
  const { count } = await prisma.upsellStrategy.updateMany({
    where: { id: input.strategyId, shopId: ctx.shop.id },
    data: { enabled: input.enabled },
  });
  if (count === 0)
    throw new AppError("NOT_FOUND", "Upsell strategy not found. It may have been deleted: reload the page.");
  await recordAudit(ctx, input.enabled ? "upsell.strategy_enabled" : "upsell.strategy_disabled", {
    strategyId: input.strategyId,
  });
  return { id: input.strategyId, enabled: input.enabled };
}
