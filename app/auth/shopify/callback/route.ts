import { redirect } from "next/navigation";
import { finishShopifySignIn, shopifySignInProblem } from "@/lib/auth/finish-shopify-sign-in";
import { linkShopifyStaff } from "@/lib/auth/link-shopify-staff";
import { AppError } from "@/lib/errors/app-error";
import { installShop } from "@/lib/shopify/install-shop";
import { completeOAuth } from "@/lib/shopify/complete-oauth";
import { prisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

/** Shopify's OAuth callback: an offline grant installs the shop and asks again per user; a per-user grant signs in. */
export async function GET(request: Request) {
  try {
    const { session } = await completeOAuth(request);
    if (!session.isOnline) {
      await installShop(session);
      redirect(`/auth/shopify/begin?${new URLSearchParams({ shop: session.shop })}`);
    }
    const user = session.onlineAccessInfo?.associated_user;
    const shop = await prisma.shop.findUnique({ where: { domain: session.shop }, select: { id: true, uninstalledAt: true } });
    if (!user || !shop || shop.uninstalledAt) throw new AppError("UNAUTHENTICATED", "Shopify did not confirm who you are. Start again from the sign-in page.");
    const userId = await linkShopifyStaff(shop.id, String(user.id), async () => ({
      shopifyUserId: String(user.id),
      email: user.email,
      firstName: user.first_name,
      lastName: user.last_name,
      accountOwner: user.account_owner,
      emailVerified: user.email_verified,
    }));
    return await finishShopifySignIn({ userId, shopId: shop.id, shopDomain: session.shop });
  } catch (error) {
    shopifySignInProblem(error);
  }
}
