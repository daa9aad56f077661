import { randomUUID } from "node:crypto";
import { cookies } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { EMBEDDED_SHOP_COOKIE } from "@/lib/security/security-headers";
import { signIn } from "./auth";
import { createSignInTicket } from "./sign-in-ticket";
import { signedNotice } from "./signed-notice";

/**
 * Starts the Auth.js session for a staff member Shopify vouched for and opens their shop (keeping `shop` and
 * `host`, which App Bridge needs). Ends in a redirect.
 */
export async function finishShopifySignIn(input: {
  userId: string;
  shopId: string;
  shopDomain: string;
  host?: string | null;
}): Promise<never> {
  const secure = env().SHOPIFY_APP_URL.startsWith("https://");
  (await cookies()).set(EMBEDDED_SHOP_COOKIE, input.shopDomain, {
    httpOnly: true,
    path: "/",
    ...(secure ? { sameSite: "none", secure: true, partitioned: true } : { sameSite: "lax" }),
  });
  const query = new URLSearchParams({ shop: input.shopDomain });
  if (input.host) query.set("host", input.host);
  await signIn("shopify", {
    ticket: await createSignInTicket(input.userId),
    redirectTo: `/shops/${input.shopId}?${query}`,
  });
  throw new Error("signIn did not redirect");
}

/**
 * What a Shopify sign-in route does with a failure: the merchant sees why (an AppError's safe message) on a page
 * that Shopify's admin may frame; anything unexpected is logged with a reference and shown generically.
 */
export function shopifySignInProblem(error: unknown): never {
  // Next's own control flow (signIn's and redirect()'s redirects) passes through.
  unstable_rethrow(error);
  if (error instanceof AppError) redirect(`/auth/shopify/problem?${signedNotice(error.message)}`);
  const reference = randomUUID();
  console.error(`[shopify-auth] request ${reference} failed:`, error instanceof Error ? error.stack : error);
  redirect(
    `/auth/shopify/problem?${signedNotice(`Something went wrong on our side (reference ${reference}). Nothing was changed; try again.`)}`,
  );
}
