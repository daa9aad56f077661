import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Appends an audit entry for something Shopify told us (actor SYSTEM); `shopId` null when the shop is gone. */
export async function recordWebhookAudit(
  shopId: string | null,
  action: string,
  metadata: Prisma.InputJsonObject,
  client: Pick<Prisma.TransactionClient, "auditLog"> = prisma,
): Promise<void> {
  await client.auditLog.create({ data: { shopId, actorType: "SYSTEM", action, metadata } });
}
