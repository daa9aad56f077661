import Link from "next/link";
import { StatusBanner } from "@/components/postscript/status-banner";
import { STEP_ANCHORS } from "@/components/setup/setup-progress-card";
import { Card } from "@/components/ui/card";
import type { PostscriptConnectionView } from "@/lib/postscript-connection/get-postscript-connection";

/** Postscript on the Integrations page: its status and key last 4; connecting happens in Postscript setup. */
export function PostscriptIntegrationCard({ shopId, view }: { shopId: string; view: PostscriptConnectionView }) {
  const href = `/shops/${shopId}/postscript#${STEP_ANCHORS.connect}`;
  return (
    <Card
      title="Postscript"
      description="SMS marketing: back-in-stock and preorder alerts and order-editing events trigger your Postscript flows."
      actions={
        <Link
          href={href}
          aria-label={view.hasKey ? "Manage Postscript" : "Connect Postscript"}
          className="whitespace-nowrap rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
        >
          {view.hasKey ? "Manage" : "Connect"}
        </Link>
      }
    >
      <div className="space-y-4">
        <StatusBanner banner={view.banner} />
        {view.hasKey ? (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">Private API Key</dt>
              <dd className="font-mono text-slate-900" data-testid="postscript-key-last4">
                •••• •••• {view.keyLast4}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Postscript account</dt>
              <dd className="text-slate-900">{view.accountName ?? "Not verified yet"}</dd>
            </div>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">
            Connect Postscript in Postscript setup, with its guided steps for keys, keywords and flows.
          </p>
        )}
      </div>
    </Card>
  );
}
