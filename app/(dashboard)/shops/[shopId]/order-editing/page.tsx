import type { Metadata } from "next";
import Link from "next/link";
import { OrderEditingSettingsForm } from "@/components/order-editing/order-editing-settings-form";
import { RecentOrders } from "@/components/order-editing/recent-orders";
import { IntegrationConnectedCard } from "@/components/postscript/integration-connected-card";
import { StatusBanner } from "@/components/postscript/status-banner";
import { FlowRows } from "@/components/setup/flow-rows";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getOrderEditingSettings } from "@/lib/order-editing/get-order-editing-settings";
import { hasEnabledKlaviyoKey } from "@/lib/order-editing/has-enabled-klaviyo-key";
import { listRecentOrders } from "@/lib/order-editing/list-recent-orders";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";
import { EVENT_CATALOG } from "@/lib/setup/event-catalog";
import { getFlowRows } from "@/lib/setup/get-flow-rows";

export const metadata: Metadata = { title: "Order editing" };

const ORDER_EDITING_TYPES = EVENT_CATALOG.filter((e) => e.feature === "order_editing").map((e) => e.type);

export default async function OrderEditingPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const [view, rows, settings, orders, klaviyoReady] = await Promise.all([
    getPostscriptConnection(ctx.shop.id),
    getFlowRows(ctx.shop.id, ORDER_EDITING_TYPES),
    getOrderEditingSettings(ctx.shop.id),
    listRecentOrders(ctx.shop.id),
    hasEnabledKlaviyoKey(ctx.shop.id),
  ]);
  const connected = view.banner.status === "connected";
  const doneCount = rows.filter((r) => r.done).length;

  return (
    <>
      <PageHeader
        title="Order editing"
        description="Customers edit their order after purchase; each moment becomes a Postscript event that can trigger an SMS flow: edit confirmations, upsell offers, nudges and abandoned-edit recovery."
      />
      <div className="space-y-6">
        <StatusBanner banner={view.banner} />
        {connected ? null : (
          <p className="text-sm text-slate-700">
            Order editing sends its events with your Postscript key.{" "}
            <Link href={`/shops/${ctx.shop.id}/postscript`} className="font-medium text-brand-600 hover:text-brand-700">
              Go to Postscript setup →
            </Link>
          </p>
        )}

        {view.firstConnectedAt ? (
          <IntegrationConnectedCard firstConnectedAt={view.firstConnectedAt} timeZone={ctx.shop.timeZone} />
        ) : null}

        <Card
          title="Editing rules"
          description="When customers can edit, when an unsaved edit counts as abandoned, and where editing events go."
        >
          <OrderEditingSettingsForm
            shopId={ctx.shop.id}
            settings={settings}
            canWrite={ctx.canWrite}
            connected={{ postscript: Boolean(view.keyLast4 && view.enabled), klaviyo: klaviyoReady }}
          />
        </Card>

        <Card
          title="Recent orders"
          description="Each order's editing deadline, what the customer changed, and the portal link sent as edit_url."
        >
          <RecentOrders orders={orders} timeZone={ctx.shop.timeZone} />
        </Card>

        <Card
          title="Create a Flow in Postscript for each event"
          description={`Send a test event so Postscript lists the trigger, build the flow in Postscript, then confirm it here. ${doneCount} of ${rows.length} set up.`}
        >
          <FlowRows
            shopId={ctx.shop.id}
            rows={rows}
            canWrite={ctx.canWrite}
            connection={view.banner.status}
            timeZone={ctx.shop.timeZone}
          />
        </Card>
      </div>
    </>
  );
}
