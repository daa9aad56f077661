import { Card } from "@/components/ui/card";
import { formatShopTime } from "@/lib/format/format-shop-time";

/** Confirms that Postscript received the one-time "Integration Connected" event, and when. */
export function IntegrationConnectedCard({
  firstConnectedAt,
  timeZone,
}: {
  firstConnectedAt: string;
  timeZone: string;
}) {
  return (
    <Card
      title="Integration Connected"
      description="Postscript received the “Integration Connected” event from Signalboard."
    >
      <p className="text-sm text-slate-600">
        Sent {formatShopTime(firstConnectedAt, timeZone)} as event type{" "}
        <code className="rounded bg-slate-100 px-1">integration_connected</code>. It confirms the integration is active;
        no flow needs to trigger on it.
      </p>
    </Card>
  );
}
