import { prisma } from "@/lib/db/prisma";
import { integrationStatus, type StatusBanner } from "@/lib/postscript-connection/integration-status";

export type ShopSearchRow = {
  id: string;
  name: string;
  domain: string;
  plan: "FREE" | "PAID";
  ownerEmail: string | null;
  banner: StatusBanner;
};

/** Finds shops by domain, name or owner email (case-insensitive, partial), for support agents. */
export async function searchShops(query: string, take = 50): Promise<ShopSearchRow[]> {
  const q = query.trim().slice(0, 200);
  const shops = await prisma.shop.findMany({
    where: q
      ? {
          OR: [
            { domain: { contains: q, mode: "insensitive" } },
            { name: { contains: q, mode: "insensitive" } },
            { ownerEmail: { contains: q, mode: "insensitive" } },
          ],
        }
      : undefined,
    orderBy: { name: "asc" },
    take,
    include: {
      integrations: {
        where: { provider: "POSTSCRIPT" },
        select: { encryptedKey: true, enabled: true, verification: true, lastError: true },
      },
    },
  });
  return shops.map((s) => ({
    id: s.id,
    name: s.name,
    domain: s.domain,
    plan: s.plan,
    ownerEmail: s.ownerEmail,
    banner: integrationStatus(s.integrations[0]),
  }));
}
