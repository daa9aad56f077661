import type { DiagnosticsContext } from "./load-diagnostics-context";

/**
 * Why Postscript deliveries of the shop are held right now, or null when they may be sent: the same rules the
 * Postscript sender applies before sending (uninstalled, no key, disabled, key not verified).
 */
export function postscriptPauseReason(ctx: Pick<DiagnosticsContext, "shop" | "integration">): string | null {
  if (ctx.shop.uninstalledAt) return "the shop uninstalled Signalboard";
  if (ctx.shop.plan !== "PAID") return "the shop's plan (Free) does not include Postscript";
  const integration = ctx.integration;
  if (!integration?.hasKey) return "no Postscript API key is configured";
  if (!integration.enabled) return "the Postscript integration is disabled";
  if (integration.verification === "INVALID") return "Postscript no longer accepts the saved key";
  if (integration.verification !== "VERIFIED") return "the Postscript key could not be verified";
  return null;
}
