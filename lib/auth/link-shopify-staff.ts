import { prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors/app-error";
import { retryOnUniqueConflict } from "@/lib/shopify/retry-on-unique-conflict";
import type { ShopifyStaff } from "@/lib/shopify/staff-from-session-token";
import { endSessions } from "./end-sessions";

/**
 * The Signalboard user a Shopify staff member of this shop signs in as, creating the user and the membership the
 * first time. Known staff need no Shopify call (`loadStaff` only runs for a staff id this shop has not seen).
 * Accounts are joined across shops by email only when Shopify says the email is verified: otherwise anyone able
 * to add a staff member to their own store could name a stranger's email and sign in as them.
 */
export async function linkShopifyStaff(
  shopId: string,
  shopifyUserId: string,
  loadStaff: () => Promise<ShopifyStaff>,
): Promise<string> {
  const known = await prisma.membership.findUnique({
    where: { shopId_shopifyUserId: { shopId, shopifyUserId } },
    select: { userId: true },
  });
  if (known) return known.userId;

  const staff = await loadStaff();
  const email = staff.email.trim().toLowerCase();
  const name = `${staff.firstName} ${staff.lastName}`.trim() || email;
  const role = staff.accountOwner ? "OWNER" : "STAFF";
  return retryOnUniqueConflict(async () => {
    const existing = await prisma.user.findUnique({
      where: { email },
      select: { id: true, supportAgent: { select: { id: true } } },
    });
    if (existing && (!staff.emailVerified || existing.supportAgent)) {
      throw new AppError(
        "FORBIDDEN",
        existing.supportAgent
          ? "This email belongs to a Signalboard support account. Open the app as a different Shopify staff member."
          : "Verify your email address in Shopify (Settings → Users), then open Signalboard again.",
      );
    }
    const userId = existing?.id ?? (await prisma.user.create({ data: { email, name }, select: { id: true } })).id;
    const previous = await prisma.membership.findUnique({
      where: { userId_shopId: { userId, shopId } },
      select: { role: true },
    });
    await prisma.membership.upsert({
      where: { userId_shopId: { userId, shopId } },
      create: { userId, shopId, role, shopifyUserId },
      update: { role, shopifyUserId },
    });
    // A changed role takes effect everywhere at once, not when old sessions expire.
    if (previous && previous.role !== role) await endSessions(userId);
    return userId;
  });
}
