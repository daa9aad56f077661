import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { adminGraphql } from "@/lib/shopify/admin-graphql";
import { shopifyBrowserUrl } from "@/lib/shopify/shopify-app";
import { PLANS } from "./plans";

const CREATE_SUBSCRIPTION = `#graphql
  mutation RequestPaidPlan($name: String!, $returnUrl: URL!, $test: Boolean, $lineItems: [AppSubscriptionLineItemInput!]!) {
    appSubscriptionCreate(name: $name, returnUrl: $returnUrl, test: $test, lineItems: $lineItems) {
      confirmationUrl
      appSubscription { id status }
      userErrors { field message }
    }
  }`;

type CreateAnswer = { appSubscriptionCreate: { confirmationUrl: string | null } };

/**
 * Asks Shopify for the paid plan's recurring charge and returns the confirmation page the merchant must approve
 * (rewritten to the stand-in in dev). Test charges everywhere but production against the real Shopify.
 */
export async function requestPaidPlan(shopId: string, returnUrl: string): Promise<string> {
  const config = env();
  const test = process.env.NODE_ENV !== "production" || Boolean(config.SHOPIFY_STANDIN_URL);
  const answer = await adminGraphql<CreateAnswer>(shopId, CREATE_SUBSCRIPTION, {
    name: PLANS.PAID.name,
    returnUrl,
    test,
    lineItems: [
      {
        plan: {
          appRecurringPricingDetails: {
            price: { amount: PLANS.PAID.price, currencyCode: PLANS.PAID.currencyCode },
            interval: PLANS.PAID.interval,
          },
        },
      },
    ],
  });
  const url = answer.appSubscriptionCreate.confirmationUrl;
  if (!url) throw new AppError("UPSTREAM", "Shopify did not return a confirmation page for the plan, try again.");
  return shopifyBrowserUrl(url);
}
