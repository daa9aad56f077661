import type { ShopContext } from "@/lib/auth/shop-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/prisma";
import type { SaveBackInStockSettingsInput } from "./back-in-stock-settings-schema";

/** Saves the restock rules (threshold, batching, reminders); the Postscript rate limit is not merchant-editable. */
export async function saveBackInStockSettings(input: SaveBackInStockSettingsInput, ctx: ShopContext) {
  const { shopId: _ignored, ...settings } = input;
  await prisma.backInStockSettings.upsert({
    where: { shopId: ctx.shop.id },
    create: { shopId: ctx.shop.id, ...settings },
    update: settings,
  });
  await recordAudit(ctx, "back_in_stock.settings_saved", settings);
  return settings;
}
