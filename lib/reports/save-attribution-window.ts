import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import type { AttributionWindowInput } from "./attribution-window-schema";

/** Saves how many days after an alert an order still counts as recovered (orders from now on). */
export async function saveAttributionWindow(
  input: AttributionWindowInput,
  ctx: ShopContext,
): Promise<{ attributionWindowDays: number }> {
  const { attributionWindowDays } = input;
  await prisma.reportSettings.upsert({
    where: { shopId: ctx.shop.id },
    create: { shopId: ctx.shop.id, attributionWindowDays },
    update: { attributionWindowDays },
  });
  await recordAudit(ctx, "reports.attribution_window_saved", { attributionWindowDays });
  return { attributionWindowDays };
}
