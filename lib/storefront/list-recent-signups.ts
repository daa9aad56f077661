import { prisma } from "@/lib/db/prisma";
import type { SyncStatus, WaitlistStatus } from "@/lib/generated/prisma/client";
import { maskRecipient } from "@/lib/deliveries/mask-recipient";

export type RecentSignup = {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** As the customer typed it; render as text only. */
  name: string | null;
  /** Masked phone or email. */
  contact: string;
  product: string;
  status: WaitlistStatus;
  postscriptSync: SyncStatus;
  postscriptSyncError: string | null;
  postscriptSyncAttempts: number;
};

/** The shop's latest waitlist signups (most recently joined or updated first), contacts masked. */
export async function listRecentSignups(shopId: string, limit = 10): Promise<RecentSignup[]> {
  const rows = await prisma.waitlistEntry.findMany({
    where: { shopId },
    orderBy: { updatedAt: "desc" },
    take: limit,
    include: { variant: { select: { title: true, product: { select: { title: true } } } } },
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    name: row.name,
    contact: maskRecipient(row.phone, row.email),
    product: `${row.variant.product.title} – ${row.variant.title}`,
    status: row.status,
    postscriptSync: row.postscriptSync,
    postscriptSyncError: row.postscriptSyncError,
    postscriptSyncAttempts: row.postscriptSyncAttempts,
  }));
}
