import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { UPSELL_LIMITS } from "./upsell-labels";
import type { UpsellStrategyInput } from "./upsell-strategy-schema";

/**
 * Creates a strategy (no `strategyId`) or updates one of this shop's strategies. Every chosen product must be in
 * this shop's catalog, and a name may be used once per shop (support asks merchants for the strategy name);
 * otherwise nothing changes. Another shop's strategy id is NOT_FOUND, like one that does not exist.
 */
export async function saveUpsellStrategy(
  input: UpsellStrategyInput,
  ctx: ShopContext,
): Promise<{ id: string; name: string; created: boolean }> {
  const { shopId: _scopedByCtx, strategyId, ...values } = input;
  const shopId = ctx.shop.id;

  if (
    strategyId &&
    !(await prisma.upsellStrategy.findFirst({ where: { id: strategyId, shopId }, select: { id: true } }))
  ) {
    throw new AppError("NOT_FOUND", "Upsell strategy not found. It may have been deleted: go back to the list.");
  }
  if (values.productIds.length > 0) {
    const known = await prisma.product.count({ where: { shopId, id: { in: values.productIds } } });
    if (known !== values.productIds.length) {
      const message = "Some of the chosen products are not in this shop's catalog. Reload the page and choose again.";
      throw new AppError("BAD_REQUEST", message, { productIds: message });
    }
  }
  const sameName = await prisma.upsellStrategy.findFirst({
    where: {
      shopId,
      name: { equals: values.name, mode: "insensitive" },
      ...(strategyId ? { id: { not: strategyId } } : {}),
    },
    select: { id: true },
  });
  if (sameName) {
    const message = `Another strategy is already called “${values.name}”. Choose a different name.`;
    throw new AppError("CONFLICT", message, { name: message });
  }

  if (strategyId) {
    const { count } = await prisma.upsellStrategy.updateMany({ where: { id: strategyId, shopId }, data: values });
    if (count === 0)
      throw new AppError("NOT_FOUND", "Upsell strategy not found. It may have been deleted: go back to the list.");
    await recordAudit(ctx, "upsell.strategy_updated", { strategyId, ...values });
    return { id: strategyId, name: values.name, created: false };
  }
  if ((await prisma.upsellStrategy.count({ where: { shopId } })) >= UPSELL_LIMITS.strategiesPerShop) {
    throw new AppError(
      "CONFLICT",
      `A shop can have at most ${UPSELL_LIMITS.strategiesPerShop} upsell strategies. Delete one you no longer use first.`,
    );
  }
  const created = await prisma.upsellStrategy.create({ data: { shopId, ...values }, select: { id: true } });
  await recordAudit(ctx, "upsell.strategy_created", { strategyId: created.id, ...values });
  return { id: created.id, name: values.name, created: true };
}
