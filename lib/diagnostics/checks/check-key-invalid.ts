import { prisma } from "@/lib/db/prisma";
import type { DiagnosticCheck } from "../diagnostic-check";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Troubleshooting: "Invalid Postscript API key" — Postscript refuses the saved key (regenerated, expired,
 * revoked), found when verifying, by the daily key check or by a send. Sending is paused meanwhile.
 */
export async function checkKeyInvalid(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const integration = ctx.integration;
  if (integration?.hasKey && integration.verification === "INVALID") {
    const held = await prisma.delivery.count({
      where: { shopId: ctx.shopId, provider: "POSTSCRIPT", status: { in: ["PENDING", "RETRYING"] } },
    });
    const since = integration.lastCheckedAt
      ? ` since ${formatShopTime(integration.lastCheckedAt, ctx.shop.timeZone)}`
      : "";
    return {
      id: "key-invalid",
      status: "problem",
      title: "Invalid Postscript API key",
      detail:
        `Postscript no longer accepts the key ending ${integration.keyLast4 ?? "????"}${since}. ` +
        (held
          ? `${plural(held, "event")} ${held === 1 ? "is" : "are"} held and will go out once a working key is saved.`
          : "Sending is paused until a working key is saved."),
      fix: "In Postscript, open Settings → API and generate a new Security Key Pair. Paste the new Private Key in Postscript setup step 2.",
      fixHref: `${ctx.base}/postscript#step-connect`,
    };
  }
  return {
    id: "key-invalid",
    status: "ok",
    title: "Postscript accepts the key",
    detail: integration?.hasKey
      ? "Postscript has not refused the saved key."
      : "No key saved yet, so none can be invalid.",
    fix: "Nothing to do.",
  };
}
