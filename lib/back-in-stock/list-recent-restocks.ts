import { prisma } from "@/lib/db/prisma";

export type RecentRestock = {
  id: string;
  productTitle: string;
  variantTitle: string;
  trigger: "INVENTORY" | "MANUAL";
  createdAt: string;
  counts: { total: number; delivered: number; retrying: number; failed: number; skipped: number; pending: number };
};

/** The shop's latest restocks with their delivery counts, newest first. */
export async function listRecentRestocks(shopId: string, take = 10): Promise<RecentRestock[]> {
  const restocks = await prisma.restock.findMany({
    where: { shopId },
    orderBy: { createdAt: "desc" },
    take,
    include: { variant: { select: { title: true, product: { select: { title: true } } } } },
  });
  if (restocks.length === 0) return [];
  const groups = await prisma.delivery.groupBy({
    by: ["restockId", "status"],
    where: { shopId, restockId: { in: restocks.map((r) => r.id) }, eventType: "back_in_stock_sms_alert" },
    _count: { _all: true },
  });
  return restocks.map((r) => {
    const counts = { total: 0, delivered: 0, retrying: 0, failed: 0, skipped: 0, pending: 0 };
    for (const g of groups.filter((g) => g.restockId === r.id)) {
      const n = g._count._all;
      counts.total += n;
      if (g.status === "DELIVERED") counts.delivered += n;
      else if (g.status === "RETRYING") counts.retrying += n;
      else if (g.status === "FAILED") counts.failed += n;
      else if (g.status === "SKIPPED") counts.skipped += n;
      else counts.pending += n;
    }
    return {
      id: r.id, productTitle: r.variant.product.title, variantTitle: r.variant.title, trigger: r.trigger,
      createdAt: r.createdAt.toISOString(), counts,
    };
  });
}
