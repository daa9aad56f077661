import { redirect } from "next/navigation";
import { finishShopifySignIn, shopifySignInProblem } from "@/lib/auth/finish-shopify-sign-in";
import { linkShopifyStaff } from "@/lib/auth/link-shopify-staff";
import { AppError } from "@/lib/errors/app-error";
import { installShop } from "@/lib/shopify/install-shop";
import { completeOAuth } from "@/lib/shopify/complete-oauth";
import { findInstalledShop } from "@/lib/shopify/find-installed-shop";
import { staffFromOnlineSession } from "@/lib/shopify/staff-from-session-token";

export const dynamic = "force-dynamic";

/** Shopify's OAuth callback: an offline grant installs the shop and asks again per user; a per-user grant signs in. */
export async function GET(request: Request) {
  try {
    const { session } = await completeOAuth(request);
    if (!session.isOnline) {
      await installShop(session);
      redirect(`/auth/shopify/begin?${new URLSearchParams({ shop: session.shop })}`);
    }
    const staff = staffFromOnlineSession(session);
    const shop = await findInstalledShop(session.shop);
    if (!shop)
      throw new AppError(
        "UNAUTHENTICATED",
        "Signalboard is not installed on this store. Start again from the sign-in page.",
      );
    const userId = await linkShopifyStaff(shop.id, staff.shopifyUserId, async () => staff);
    return await finishShopifySignIn({ userId, shopId: shop.id, shopDomain: session.shop });
  } catch (error) {
    shopifySignInProblem(error);
  }
}
