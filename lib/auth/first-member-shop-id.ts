import { prisma } from "@/lib/db/prisma";

/** The id of the first shop the user joined (where the app's home page sends them), or null without any. */
export async function firstMemberShopId(userId: string): Promise<string | null> {
  const membership = await prisma.membership.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { shopId: true },
  });
  return membership?.shopId ?? null;
}
