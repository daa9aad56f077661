import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Invalidates every session the user holds: the Auth.js jwt callback refuses a token whose version is older.
 * Called on sign-out, role change and membership removal.
 */
export async function endSessions(userId: string, tx: Prisma.TransactionClient = prisma): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
