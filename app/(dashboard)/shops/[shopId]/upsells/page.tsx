import type { Metadata } from "next";
import { FeatureIntro } from "@/components/dashboard/feature-intro";
import { requireShop } from "@/lib/auth/require-shop";

export const metadata: Metadata = { title: "Upsell strategies" };

export default async function UpsellsPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const { shop } = await requireShop(shopId);
  return (
    <FeatureIntro shopId={shop.id} title="Upsell strategies" description="Offer products while customers edit their order, and choose which integrations (Postscript, Klaviyo or both) hear about it." emptyTitle="No upsell strategies yet">
      Upsell events only fire for strategies where Postscript is selected in Advanced settings. Connect Postscript first, then create your first strategy here.
    </FeatureIntro>
  );
}
