import type { DiagnosticCheck } from "../diagnostic-check";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";

/**
 * Troubleshooting: "API key saved but connection could not be verified" (Postscript could not be reached when
 * the key was saved or last checked): the key may have been regenerated or expired.
 */
export async function checkKeyUnverified(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const integration = ctx.integration;
  if (integration?.hasKey && integration.verification === "UNVERIFIED") {
    const when = integration.lastCheckedAt
      ? ` (last tried ${formatShopTime(integration.lastCheckedAt, ctx.shop.timeZone)})`
      : "";
    return {
      id: "key-unverified",
      status: "problem",
      title: "API key saved but connection could not be verified",
      detail:
        `The key ending ${integration.keyLast4 ?? "????"} is saved but Postscript has not confirmed it${when}` +
        (integration.lastError ? `: ${integration.lastError}` : ".") +
        " Sending is paused until it is verified; nothing is lost.",
      fix: "Double-check the key in Postscript (Settings → API): it may have been regenerated or expired. Click Verify again in Postscript setup step 2, or paste the current Private Key.",
      fixHref: `${ctx.base}/postscript#step-connect`,
    };
  }
  return {
    id: "key-unverified",
    status: "ok",
    title: "Key verified with Postscript",
    detail:
      integration?.hasKey && integration.verification === "VERIFIED"
        ? `Postscript confirmed the key${integration.lastVerifiedAt ? ` on ${formatShopTime(integration.lastVerifiedAt, ctx.shop.timeZone)}` : ""}.`
        : "No key waiting for verification.",
    fix: "Nothing to do.",
  };
}
