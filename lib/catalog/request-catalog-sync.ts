import { recordAudit } from "@/lib/audit/record-audit";
import type { ShopContext } from "@/lib/auth/shop-context";
import { runAfterResponse } from "@/lib/jobs/run-after-response";
import { startCatalogSync } from "./start-catalog-sync";

/**
 * "Sync now" in Settings: starts a full sync (or resumes the failed one), reading pages after the answer so the
 * page can show progress. Locations and the variant count are read before answering, so a Shopify that does not
 * answer is reported at once. Audited.
 */
export async function requestCatalogSync(ctx: ShopContext): Promise<{ syncId: string }> {
  const syncId = await startCatalogSync(ctx.shop.id, "FULL", {
    background: (work) => runAfterResponse(work, "catalog sync"),
  });
  await recordAudit(ctx, "catalog.sync_requested", { syncId });
  return { syncId };
}
