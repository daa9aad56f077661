import { KLAVIYO_STATUS_TEXT, type KlaviyoStatus } from "@/lib/klaviyo-connection/klaviyo-status";
import { IntegrationStatusBanner } from "./integration-status-banner";

/** The Klaviyo connection's single status line: Connected, Not connected, not verified, refused, or disabled. */
export function KlaviyoStatusBanner({ status }: { status: KlaviyoStatus }) {
  return <IntegrationStatusBanner banner={{ status, ...KLAVIYO_STATUS_TEXT[status] }} testId="klaviyo-status" />;
}
