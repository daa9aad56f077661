import { prisma } from "@/lib/db/prisma";

export type MemberShop = { id: string; name: string; domain: string };

/** The shops the user is a member of, by name (the shop switcher's list). */
export async function listMemberShops(userId: string): Promise<MemberShop[]> {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: { shop: { name: "asc" } },
    select: { shop: { select: { id: true, name: true, domain: true } } },
  });
  return memberships.map((m) => m.shop);
}
