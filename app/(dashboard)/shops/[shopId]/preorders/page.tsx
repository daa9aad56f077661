import type { Metadata } from "next";
import { FeatureIntro } from "@/components/dashboard/feature-intro";
import { requireShop } from "@/lib/auth/require-shop";

export const metadata: Metadata = { title: "Preorders" };

export default async function PreordersPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const { shop } = await requireShop(shopId);
  return (
    <FeatureIntro shopId={shop.id} title="Preorders" description="Customers who order a preorder item get a confirmation SMS with the expected shipping timeline." emptyTitle="No preorders yet">
      Preorder confirmations are sent to Postscript as the <code>preorder_sms_confirmed</code> event. Orders with preorder items will appear here once Postscript is connected.
    </FeatureIntro>
  );
}
