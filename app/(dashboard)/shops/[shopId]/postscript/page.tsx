import type { Metadata } from "next";
import { ConnectionPanel } from "@/components/postscript/connection-panel";
import { StatusBanner } from "@/components/postscript/status-banner";
import { Card } from "@/components/ui/card";
import { CheckMark } from "@/components/ui/check-mark";
import { PageHeader } from "@/components/ui/page-header";
import { requireShop } from "@/lib/auth/require-shop";
import { getPostscriptConnection } from "@/lib/postscript-connection/get-postscript-connection";

export const metadata: Metadata = { title: "Postscript setup" };

export default async function PostscriptSetupPage({ params }: { params: Promise<{ shopId: string }> }) {
  const { shopId } = await params;
  const ctx = await requireShop(shopId);
  const view = await getPostscriptConnection(ctx.shop.id);
  return (
    <>
      <PageHeader
        title="Postscript setup"
        description="Connect your Postscript account so Signalboard can send back-in-stock, preorder and order-editing events that trigger your SMS flows."
      />
      <div className="space-y-6">
        <StatusBanner banner={view.banner} />

        <Card>
          <ol className="space-y-8">
            <li className="flex gap-4">
              <CheckMark done={view.hasKey} step={1} />
              <div className="min-w-0 flex-1">
                <h2 className="text-base font-semibold text-slate-900">Copy your Private API Key from Postscript</h2>
                <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-slate-600">
                  <li>Open your Postscript dashboard in a new tab and go to <strong>Shop Settings → API</strong>.</li>
                  <li>Click <strong>Create a Security Key Pair</strong> (top right).</li>
                  <li>Click <strong>Show</strong> and copy the <strong>Private Key</strong> (it starts with <code>sk_</code>, not <code>pk_</code>).</li>
                </ol>
              </div>
            </li>
            <li className="flex gap-4">
              <CheckMark done={view.verification === "VERIFIED"} step={2} />
              <div className="min-w-0 flex-1">
                <h2 className="text-base font-semibold text-slate-900">Paste it here and verify</h2>
                <p className="mb-4 mt-1 text-sm text-slate-600">
                  Signalboard validates the key with Postscript immediately. A green checkmark means the connection works.
                </p>
                <ConnectionPanel shopId={ctx.shop.id} view={view} canWrite={ctx.canWrite} />
              </div>
            </li>
          </ol>
        </Card>

        {view.firstConnectedAt ? (
          <Card title="Integration Connected" description="Postscript received the “Integration Connected” event from Signalboard.">
            <p className="text-sm text-slate-600">
              Sent {new Date(view.firstConnectedAt).toLocaleString()} as event type <code className="rounded bg-slate-100 px-1">integration_connected</code>.
              It confirms the integration is active; no flow needs to trigger on it.
            </p>
          </Card>
        ) : null}
      </div>
    </>
  );
}
