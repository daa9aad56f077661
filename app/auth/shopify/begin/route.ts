import { redirect } from "next/navigation";
import { shopifySignInProblem } from "@/lib/auth/finish-shopify-sign-in";
import { signedNotice } from "@/lib/auth/signed-notice";
import { beginOAuth } from "@/lib/shopify/begin-oauth";
import { normalizeShopDomain } from "@/lib/shopify/normalize-shop-domain";
import { shopHasOfflineToken } from "@/lib/shopify/shop-has-offline-token";

export const dynamic = "force-dynamic";

/**
 * "Log in with your store" and installs started outside the admin: Shopify's authorization-code OAuth. A store
 * without our offline token installs first (offline grant); an installed one signs the staff member in (online).
 */
export async function GET(request: Request) {
  try {
    const shop = normalizeShopDomain(new URL(request.url).searchParams.get("shop") ?? "");
    // Said on the form itself, where the merchant can correct it.
    if (!shop)
      redirect(
        `/sign-in?${signedNotice("That is not a Shopify store address. Enter your store's myshopify.com domain, such as your-store.myshopify.com.")}`,
      );
    return await beginOAuth(request, shop, { online: await shopHasOfflineToken(shop) });
  } catch (error) {
    shopifySignInProblem(error);
  }
}
