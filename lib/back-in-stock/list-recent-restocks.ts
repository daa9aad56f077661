import { prisma } from "@/lib/db/prisma";
import { getRestocksProgress, type RestockProgress } from "@/lib/restock/get-restock-progress";

export type RecentRestock = {
  id: string;
  productTitle: string;
  variantTitle: string;
  trigger: "INVENTORY" | "MANUAL";
  createdAt: string;
  counts: RestockProgress;
};

/** The shop's latest restocks with their send progress (the same counts the live progress view polls), newest first. */
export async function listRecentRestocks(shopId: string, take = 10): Promise<RecentRestock[]> {
  const restocks = await prisma.restock.findMany({
    where: { shopId },
    orderBy: { createdAt: "desc" },
    take,
    include: { variant: { select: { title: true, product: { select: { title: true } } } } },
  });
  const progress = await getRestocksProgress(
    shopId,
    restocks.map((r) => r.id),
  );
  return restocks.flatMap((r) => {
    const counts = progress.get(r.id);
    if (!counts) return [];
    return [
      {
        id: r.id,
        productTitle: r.variant.product.title,
        variantTitle: r.variant.title,
        trigger: r.trigger,
        createdAt: r.createdAt.toISOString(),
        counts,
      },
    ];
  });
}
