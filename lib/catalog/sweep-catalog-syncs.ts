import { prisma } from "@/lib/db/prisma";
import { checkShopCatalog } from "./check-shop-catalog";

export type SweepCatalogSyncsResult = { started: number; resumed: number; reconciled: number; failed: number };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The catalog's background pass over every installed shop with a token (checkShopCatalog, one shop after
 * another): the safety net behind the per-shop checks an install or a sync schedules, and the daily
 * reconciliation. One shop's failure is logged and does not stop the others.
 */
export async function sweepCatalogSyncs(options: { reconcile: boolean; now?: Date }): Promise<SweepCatalogSyncsResult> {
  const result: SweepCatalogSyncsResult = { started: 0, resumed: 0, reconciled: 0, failed: 0 };
  const shops = await prisma.shop.findMany({
    where: { uninstalledAt: null, shopifyToken: { is: { revokedAt: null } } },
    select: { id: true, domain: true },
  });
  for (const shop of shops) {
    try {
      const { outcome } = await checkShopCatalog(shop.id, options);
      if (outcome !== "nothing") result[outcome]++;
    } catch (error) {
      result.failed++;
      console.error(`[catalog] sync for ${shop.domain} failed:`, errorText(error));
    }
  }
  return result;
}
