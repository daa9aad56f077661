import { syncShopPlan } from "./sync-shop-plan";

/**
 * The plan check on each admin load: Shopify's word on the subscription updates Shop.plan. When Shopify cannot be
 * asked just now the last known plan stands (the app_subscriptions/update webhook and the next load correct it);
 * opening the app must not fail for that.
 */
export async function syncShopPlanQuietly(shopId: string): Promise<void> {
  try {
    await syncShopPlan(shopId);
  } catch (error) {
    console.warn(
      `[billing] plan check for shop ${shopId} skipped: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
