import type { ShopContext } from "@/lib/auth/shop-context";
import { env } from "@/lib/env";
import { consentDisclosure } from "./consent-disclosure";
import { handleWaitlistRequest, type WaitlistResponseBody } from "./handle-waitlist-request";
import type { PreviewSignupInput } from "./preview-signup-schema";
import { APP_PROXY_PATH_PREFIX, signAppProxyQuery } from "./sign-app-proxy-query";

export type PreviewSignupOutcome = { httpStatus: number; body: WaitlistResponseBody };

/**
 * The storefront preview's signup: builds the request Shopify's app proxy would forward for a shopper on this
 * shop's product page (signed query, no logged-in customer, the caller's IP in X-Forwarded-For) and hands it
 * to the same handler as POST /api/storefront/waitlist, so the preview exercises exactly the real path.
 */
export async function submitPreviewSignup(
  input: PreviewSignupInput,
  ctx: ShopContext,
  address: string,
): Promise<PreviewSignupOutcome> {
  const query = signAppProxyQuery(
    { shop: ctx.shop.domain, pathPrefix: APP_PROXY_PATH_PREFIX },
    env().SHOPIFY_API_SECRET,
  );
  const request = new Request(`http://storefront-preview.internal/api/storefront/waitlist?${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address, "x-forwarded-host": ctx.shop.domain },
    body: JSON.stringify({
      variantId: input.variantId,
      name: input.name,
      phone: input.phone,
      email: input.email,
      // The checkbox's disclosure is the shop's standard one: exactly the text the form showed.
      ...(input.smsConsent ? { smsConsent: true, consentText: consentDisclosure(ctx.shop) } : {}),
      ...(input.pageUrl ? { pageUrl: input.pageUrl } : {}),
    }),
  });
  const response = await handleWaitlistRequest(request);
  return { httpStatus: response.status, body: (await response.json()) as WaitlistResponseBody };
}
