import { SMS_PROVIDERS } from "@/lib/sms-settings/sms-providers";
import type { DiagnosticCheck } from "../diagnostic-check";
import type { DiagnosticsContext } from "../load-diagnostics-context";

/**
 * Troubleshooting: "Connection shows 'API key not configured' or 'Integration not complete'" (no key saved),
 * and the integration switched off.
 */
export async function checkKeyNotConfigured(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const fixHref = `${ctx.base}/postscript#step-connect`;
  const integration = ctx.integration;
  if (!integration?.hasKey && ctx.provider !== "POSTSCRIPT") {
    return {
      id: "key-not-configured",
      status: "warning",
      title: "API key not configured",
      detail: `Back-in-stock and preorder texts go out through ${SMS_PROVIDERS[ctx.provider].label} without Postscript, but order-editing and upsell events reach Postscript flows only once a Private API Key is connected.`,
      fix: "If you use Postscript flows for order editing or upsells: in Postscript, open Settings → API, create a Security Key Pair and copy the Private Key, then paste it in Postscript setup step 2 and click Save & verify.",
      fixHref,
    };
  }
  if (!integration?.hasKey) {
    return {
      id: "key-not-configured",
      status: "problem",
      title: "API key not configured",
      detail:
        "No Postscript Private API Key is saved, so nothing can be sent to Postscript. Events that need Postscript wait until a key is connected.",
      fix: "In Postscript, open Settings → API, create a Security Key Pair and copy the Private Key. Paste it in Postscript setup step 2 and click Save & verify.",
      fixHref,
    };
  }
  if (!integration.enabled) {
    return {
      id: "key-not-configured",
      status: "warning",
      title: "Integration disabled",
      detail: `The key ending ${integration.keyLast4 ?? "????"} is saved, but the integration is switched off: events wait and nothing is sent to Postscript.`,
      fix: "Enable the integration in Postscript setup step 2. Waiting events go out once it is on.",
      fixHref,
    };
  }
  return {
    id: "key-not-configured",
    status: "ok",
    title: "API key configured",
    detail: `The key ending ${integration.keyLast4 ?? "????"} is saved and the integration is enabled.`,
    fix: "Nothing to do.",
  };
}
