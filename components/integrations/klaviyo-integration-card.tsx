import { Card } from "@/components/ui/card";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { KlaviyoConnection } from "@/lib/klaviyo-connection/get-klaviyo-connection";
import { KlaviyoConnectionPanel } from "./klaviyo-connection-panel";
import { KlaviyoStatusBanner } from "./klaviyo-status-banner";

/** Klaviyo on the Integrations page: status, how to get a key, and the connection controls. */
export function KlaviyoIntegrationCard({
  shopId,
  connection,
  timeZone,
  canWrite,
}: {
  shopId: string;
  connection: KlaviyoConnection;
  timeZone: string;
  canWrite: boolean;
}) {
  const lastVerified = connection.lastVerifiedAt ? formatShopTime(connection.lastVerifiedAt, timeZone) : null;
  return (
    <Card
      title="Klaviyo"
      description="Email and SMS marketing: Signalboard sends the same events to Klaviyo (as metrics your flows trigger on) for the upsell strategies and settings that select Klaviyo."
    >
      <div className="space-y-4">
        <KlaviyoStatusBanner status={connection.status} />
        {canWrite && connection.status === "not_configured" ? (
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-600">
            <li>
              In Klaviyo, open <strong>Settings → API keys</strong>.
            </li>
            <li>
              Click <strong>Create Private API Key</strong>: choose <strong>Full Access</strong>, or{" "}
              <strong>Custom</strong> with Accounts: Read-only and Events: Full Access.
            </li>
            <li>
              Copy the key (it starts with <code>pk_</code>; Klaviyo shows it only once) and paste it below. The
              6-character public key will not work.
            </li>
          </ol>
        ) : null}
        <KlaviyoConnectionPanel
          shopId={shopId}
          canWrite={canWrite}
          view={{
            status: connection.status,
            keyLast4: connection.keyLast4,
            accountName: connection.accountName,
            lastVerified,
            lastError: connection.lastError,
          }}
        />
      </div>
    </Card>
  );
}
