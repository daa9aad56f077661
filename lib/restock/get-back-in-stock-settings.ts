import { prisma } from "@/lib/db/prisma";

export type BackInStockRules = {
  threshold: number;
  batchPerUnit: number | null;
  reminderEnabled: boolean;
  reminderDelayMinutes: number;
};

/** The schema's defaults, for a shop that never saved its back-in-stock settings. */
export const DEFAULT_BACK_IN_STOCK_RULES: BackInStockRules = {
  threshold: 0,
  batchPerUnit: null,
  reminderEnabled: true,
  reminderDelayMinutes: 1_440,
};

/** The shop's restock rules (threshold, batching, reminder), defaults when none were saved. */
export async function getBackInStockSettings(shopId: string): Promise<BackInStockRules> {
  const row = await prisma.backInStockSettings.findUnique({ where: { shopId } });
  if (!row) return { ...DEFAULT_BACK_IN_STOCK_RULES };
  return {
    threshold: row.threshold,
    batchPerUnit: row.batchPerUnit,
    reminderEnabled: row.reminderEnabled,
    reminderDelayMinutes: row.reminderDelayMinutes,
  };
}
