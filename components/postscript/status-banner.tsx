import { IntegrationStatusBanner } from "@/components/integrations/integration-status-banner";
import type { StatusBanner as Banner } from "@/lib/postscript-connection/integration-status";

/** The Postscript connection's single status line: Connected, Integration disabled, API key not configured, or not complete. */
export function StatusBanner({ banner }: { banner: Banner }) {
  return <IntegrationStatusBanner banner={banner} testId="postscript-status" />;
}
