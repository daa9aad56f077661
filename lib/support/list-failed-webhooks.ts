import { prisma } from "@/lib/db/prisma";

export type FailedWebhook = {
  id: string;
  topic: string;
  receivedAt: Date;
  failedAt: Date;
  attempts: number;
  error: string | null;
};

/** A shop's Shopify webhooks that failed for good (newest first), with why: what an agent can replay. */
export async function listFailedWebhooks(shopId: string, limit = 20): Promise<FailedWebhook[]> {
  const rows = await prisma.webhookEvent.findMany({
    where: { shopId, processedAt: null, failedAt: { not: null } },
    orderBy: { failedAt: "desc" },
    take: limit,
    select: { id: true, topic: true, receivedAt: true, failedAt: true, attempts: true, error: true },
  });
  return rows.map((row) => ({ ...row, failedAt: row.failedAt! }));
}
