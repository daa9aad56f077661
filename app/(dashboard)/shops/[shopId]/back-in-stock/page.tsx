import type { Metadata } from "next";
import { FeatureIntro } from "@/components/dashboard/feature-intro";
import { requireShop } from "@/lib/auth/require-shop";

export const metadata: Metadata = { title: "Back in stock" };

export default async function BackInStockPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const { shop } = await requireShop(shopId);
  return (
    <FeatureIntro shopId={shop.id} title="Back in stock" description="Customers join a waitlist on your storefront and get one SMS the moment a variant is restocked." emptyTitle="No waitlist signups yet">
      Connect Postscript first: restock alerts are sent as the <code>back_in_stock_sms_alert</code> event, and reminders as <code>back_in_stock_sms_reminder</code>. Signups from your storefront will appear here.
    </FeatureIntro>
  );
}
