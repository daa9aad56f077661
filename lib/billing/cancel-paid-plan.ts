import { adminGraphql } from "@/lib/shopify/admin-graphql";
import { activePaidSubscriptions, syncShopPlan } from "./sync-shop-plan";

const CANCEL_SUBSCRIPTION = `#graphql
  mutation CancelPaidPlan($id: ID!) {
    appSubscriptionCancel(id: $id) {
      appSubscription { id status }
      userErrors { field message }
    }
  }`;

/** Cancels every active paid subscription of the shop on Shopify, then syncs `Shop.plan` (FREE). */
export async function cancelPaidPlan(shopId: string): Promise<void> {
  for (const subscription of await activePaidSubscriptions(shopId)) {
    await adminGraphql(shopId, CANCEL_SUBSCRIPTION, { id: subscription.id });
  }
  await syncShopPlan(shopId);
}
