import { prisma } from "@/lib/db/prisma";
import { maskRecipient } from "./mask-recipient";

export type DeliveryRow = {
  id: string;
  eventType: string;
  provider: string;
  recipient: string;
  status: string;
  attempts: number;
  answer: string | null;
  createdAt: string;
};

/** The newest deliveries of a shop for the Activity page, recipients masked. */
export async function listDeliveries(shopId: string, take = 100): Promise<DeliveryRow[]> {
  const rows = await prisma.delivery.findMany({
    where: { shopId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true, eventType: true, provider: true, recipientPhone: true, recipientEmail: true, status: true,
      attempts: true, responseStatus: true, error: true, skipReason: true, createdAt: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    eventType: r.eventType,
    provider: r.provider,
    recipient: maskRecipient(r.recipientPhone, r.recipientEmail),
    status: r.status,
    attempts: r.attempts,
    answer: r.error ?? r.skipReason ?? (r.responseStatus ? `HTTP ${r.responseStatus}` : null),
    createdAt: r.createdAt.toISOString(),
  }));
}
