import { finishShopifySignIn, shopifySignInProblem } from "@/lib/auth/finish-shopify-sign-in";
import { linkShopifyStaff } from "@/lib/auth/link-shopify-staff";
import { AppError } from "@/lib/errors/app-error";
import { syncShopPlanQuietly } from "@/lib/billing/sync-shop-plan-quietly";
import { installFromSessionToken } from "@/lib/shopify/install-from-session-token";
import { staffFromSessionToken } from "@/lib/shopify/staff-from-session-token";
import { verifySessionToken } from "@/lib/shopify/verify-session-token";

export const dynamic = "force-dynamic";

/**
 * Where Shopify's admin (or the bounce page) lands with a session token: verify it, install or reactivate the
 * shop (token exchange), make the staff member a member, sign them in and open their shop.
 */
export async function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  try {
    const token = await verifySessionToken(query.get("id_token") ?? "");
    const shop = query.get("shop");
    if (shop && shop !== token.shop)
      throw new AppError(
        "UNAUTHENTICATED",
        "This Shopify session belongs to another store. Reopen Signalboard from your store's admin.",
      );
    const { shopId } = await installFromSessionToken(token);
    const userId = await linkShopifyStaff(shopId, token.shopifyUserId, () => staffFromSessionToken(token));
    await syncShopPlanQuietly(shopId);
    return await finishShopifySignIn({ userId, shopId, shopDomain: token.shop, host: query.get("host") });
  } catch (error) {
    shopifySignInProblem(error);
  }
}
