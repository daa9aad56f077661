import { syncShopPlan } from "@/lib/billing/sync-shop-plan";
import { AppError } from "@/lib/errors/app-error";
import { recordWebhookAudit } from "./record-webhook-audit";

/**
 * app_subscriptions/update: re-reads the shop's active subscriptions from Shopify rather than trusting the
 * payload, and sets `Shop.plan`. A shop Shopify no longer lets us read (uninstalled) keeps its plan untouched.
 */
export async function handleAppSubscriptionUpdate(
  shopId: string,
): Promise<{ plan: "FREE" | "PAID" } | { skipped: string }> {
  try {
    const plan = await syncShopPlan(shopId);
    await recordWebhookAudit(shopId, "billing.plan_synced", { plan });
    return { plan };
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED")
      return { skipped: "Shopify no longer grants access to this shop" };
    throw error;
  }
}
