import { prisma } from "@/lib/db/prisma";
import { sendJobEvent } from "@/lib/jobs/send-job-event";
import { adminGraphql } from "@/lib/shopify/admin-graphql";

export const ACTIVE_SUBSCRIPTIONS_QUERY = `#graphql
  query ActiveSubscriptions {
    currentAppInstallation { activeSubscriptions { id name status test } }
  }`;

export type ActiveSubscription = { id: string; name: string; status: string; test: boolean };
type ActiveSubscriptionsAnswer = { currentAppInstallation: { activeSubscriptions: ActiveSubscription[] } };

/** The shop's ACTIVE app subscriptions, as Shopify reports them (any active one is the paid plan). */
export async function activePaidSubscriptions(shopId: string): Promise<ActiveSubscription[]> {
  const answer = await adminGraphql<ActiveSubscriptionsAnswer>(shopId, ACTIVE_SUBSCRIPTIONS_QUERY);
  return answer.currentAppInstallation.activeSubscriptions.filter((s) => s.status === "ACTIVE");
}

/**
 * Reads the shop's active subscriptions from Shopify and makes `Shop.plan` say the same. An upgrade releases the
 * Postscript events a Free plan held, at once rather than at the next sweep.
 */
export async function syncShopPlan(shopId: string): Promise<"FREE" | "PAID"> {
  const plan = (await activePaidSubscriptions(shopId)).length > 0 ? "PAID" : "FREE";
  const upgraded = await prisma.shop.updateMany({ where: { id: shopId, plan: { not: plan } }, data: { plan } });
  if (upgraded.count > 0 && plan === "PAID") await sendJobEvent("deliveriesQueued", { shopId });
  return plan;
}
