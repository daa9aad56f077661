import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A Delivery filter on `createdAt` or `deliveredAt` being at least `since`, with the same bound on `updatedAt`:
 * every change of a row moves its updatedAt (the report rollup's watermark relies on it), so the second bound
 * holds whenever the first does and changes no result, while letting PostgreSQL read the window from the
 * (shopId, status, updatedAt) index instead of a big shop's whole ledger.
 */
export function changedSince(column: "createdAt" | "deliveredAt", since: Date): Prisma.DeliveryWhereInput {
  return { [column]: { gte: since }, updatedAt: { gte: since } };
}
