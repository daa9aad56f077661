import type { Metadata } from "next";
import { KlaviyoIntegrationCard } from "@/components/integrations/klaviyo-integration-card";
import { PostscriptIntegrationCard } from "@/components/integrations/postscript-integration-card";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getKlaviyoConnection } from "@/lib/klaviyo-connection/get-klaviyo-connection";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const [postscript, klaviyo] = await Promise.all([
    getPostscriptConnection(ctx.shop.id),
    getKlaviyoConnection(ctx.shop.id),
  ]);
  return (
    <>
      <PageHeader
        title="Integrations"
        description="The services Signalboard sends your store's events to. Each upsell strategy and setting chooses which of them it notifies."
      />
      <div className="space-y-6">
        <PostscriptIntegrationCard shopId={ctx.shop.id} view={postscript} />
        <KlaviyoIntegrationCard
          shopId={ctx.shop.id}
          connection={klaviyo}
          timeZone={ctx.shop.timeZone}
          canWrite={ctx.canWrite}
        />
      </div>
    </>
  );
}
