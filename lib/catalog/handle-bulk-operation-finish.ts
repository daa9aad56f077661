import { prisma } from "@/lib/db/prisma";
import type { BulkOperationFinishPayload } from "@/lib/shopify/shopify-payload-schemas";
import { resumeBulkSync, type ResumeBulkSyncResult } from "./resume-bulk-sync";

/**
 * bulk_operations/finish: continues the catalog sync that started this bulk query (the webhook carries no result
 * URL, so the operation is read back from Shopify). A bulk query that is not a catalog sync's is ignored.
 */
export async function handleBulkOperationFinish(
  shopId: string,
  payload: BulkOperationFinishPayload,
): Promise<{ syncId: string | null; outcome: ResumeBulkSyncResult | "unknown_operation" }> {
  const sync = await prisma.catalogSync.findFirst({
    where: { shopId, bulkOperationId: payload.admin_graphql_api_id },
    select: { id: true },
  });
  if (!sync) return { syncId: null, outcome: "unknown_operation" };
  return { syncId: sync.id, outcome: await resumeBulkSync(sync.id) };
}
