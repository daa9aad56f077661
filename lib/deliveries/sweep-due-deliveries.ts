import { prisma } from "@/lib/db/prisma";
import { defaultStaleAfterMs } from "./resolve-stale-claims";

type Scope = { shopIds?: string[] };

/** Installed shops with deliveries due now (sends, retries, reminders) or claims left by a dead process. */
export async function findShopsWithDueDeliveries(scope: Scope = {}): Promise<string[]> {
  const now = new Date();
  const rows = await prisma.delivery.groupBy({
    by: ["shopId"],
    where: {
      shop: { uninstalledAt: null },
      ...(scope.shopIds ? { shopId: { in: scope.shopIds } } : {}),
      OR: [
        { status: { in: ["PENDING", "RETRYING"] }, nextAttemptAt: { lte: now } },
        { status: "SENDING", lastAttemptAt: { lt: new Date(now.getTime() - defaultStaleAfterMs()) } },
      ],
    },
  });
  return rows.map((row) => row.shopId);
}
