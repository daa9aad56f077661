"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { shopAction } from "@/lib/actions/shop-action";
import { recordAudit } from "@/lib/audit/record-audit";
import { adminAppUrl } from "@/lib/shopify/admin-app-url";
import { cancelPaidPlan } from "./cancel-paid-plan";
import { requestPaidPlan } from "./request-paid-plan";

const planSchema = z.object({ shopId: z.string().min(1).max(100) });

/**
 * Upgrade: Shopify's confirmation page, where the merchant approves the charge; Shopify then returns them to the
 * app inside the admin, whose load re-reads the plan (and the app_subscriptions/update webhook confirms it).
 */
export const upgradePlanAction = shopAction(planSchema, async (_input, ctx) => {
  const confirmationUrl = await requestPaidPlan(ctx.shop.id, adminAppUrl(ctx.shop.domain));
  await recordAudit(ctx, "billing.upgrade_requested");
  return { confirmationUrl };
});

/** Downgrade to Free: the Paid subscription is cancelled in Shopify at once, and sending through Postscript stops. */
export const downgradePlanAction = shopAction(planSchema, async (_input, ctx) => {
  await cancelPaidPlan(ctx.shop.id);
  await recordAudit(ctx, "billing.downgraded");
  revalidatePath(`/shops/${ctx.shop.id}`, "layout");
  return { plan: "FREE" as const };
});
