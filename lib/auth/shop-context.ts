import { prisma } from "@/lib/db/prisma";
import { isRecordId } from "@/lib/db/is-record-id";
import type { MembershipRole, Plan } from "@/lib/generated/prisma/client";

export type SessionUser = { id: string; email?: string | null; name?: string | null; isSupportAgent: boolean };

export type ShopContext = {
  user: SessionUser;
  shop: { id: string; domain: string; name: string; plan: Plan; currency: string; timeZone: string };
  /** OWNER/STAFF for members; SUPPORT_AGENT for our staff looking at any shop. */
  role: MembershipRole | "SUPPORT_AGENT";
  /** Support agents are read-only unless an action explicitly allows them. */
  canWrite: boolean;
};

/**
 * Resolves what the signed-in user may do in a shop, from the database on every call (so a removed membership
 * takes effect at once). Null when the shop does not exist or the user has no access: callers answer 404 for
 * both, so another shop's id reveals nothing.
 */
export async function resolveShopContext(user: SessionUser, shopId: string): Promise<ShopContext | null> {
  if (!isRecordId(shopId)) return null;
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: { id: true, domain: true, name: true, plan: true, currency: true, timeZone: true },
  });
  if (!shop) return null;
  const membership = await prisma.membership.findUnique({ where: { userId_shopId: { userId: user.id, shopId } } });
  if (membership) return { user, shop, role: membership.role, canWrite: true };
  if (user.isSupportAgent && (await prisma.supportAgent.findUnique({ where: { userId: user.id } }))) {
    return { user, shop, role: "SUPPORT_AGENT", canWrite: false };
  }
  return null;
}
