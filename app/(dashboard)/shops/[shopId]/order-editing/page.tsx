import type { Metadata } from "next";
import { FeatureIntro } from "@/components/dashboard/feature-intro";
import { requireShop } from "@/lib/auth/require-shop";

export const metadata: Metadata = { title: "Order editing" };

export default async function OrderEditingPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const { shop } = await requireShop(shopId);
  return (
    <FeatureIntro shopId={shop.id} title="Order editing" description="Customers edit their order after purchase; each moment becomes a Postscript event that triggers your SMS flows." emptyTitle="No order edits yet">
      Signalboard sends Order Editing Started, Order Editing Saved, Upsell Recommendations and Upsell Offers Available to Postscript. Connect Postscript to start.
    </FeatureIntro>
  );
}
