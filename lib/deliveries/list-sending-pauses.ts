import { prisma } from "@/lib/db/prisma";
import type { DeliveryProvider } from "@/lib/generated/prisma/client";

export type SendingPauseView = {
  id: string;
  provider: DeliveryProvider;
  reason: string;
  pausedAt: string;
  resumedAt: string | null;
};

/** The shop's circuit-breaker pauses of the last `days` days, newest first: ongoing ones say sending is paused now. */
export async function listSendingPauses(
  shopId: string,
  options: { days?: number; take?: number } = {},
): Promise<SendingPauseView[]> {
  const since = new Date(Date.now() - (options.days ?? 7) * 86_400_000);
  const rows = await prisma.sendingPause.findMany({
    where: { shopId, OR: [{ resumedAt: null }, { pausedAt: { gte: since } }] },
    orderBy: { pausedAt: "desc" },
    take: options.take ?? 10,
  });
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    reason: r.reason,
    pausedAt: r.pausedAt.toISOString(),
    resumedAt: r.resumedAt?.toISOString() ?? null,
  }));
}
