import { prisma } from "@/lib/db/prisma";
import { maskText } from "@/lib/support/mask-text";
import type { DiagnosticCheck } from "../diagnostic-check";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Shopify webhooks (stock, catalog, orders) we stored but could not apply: failed for good after every retry
 * (a problem: the catalog, stock or orders may be behind Shopify), or still being retried (a warning).
 */
export async function checkWebhooksFailed(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const unprocessed = { shopId: ctx.shopId, processedAt: null };
  const [failed, latest, oldest, retrying] = await Promise.all([
    prisma.webhookEvent.count({ where: { ...unprocessed, failedAt: { not: null } } }),
    prisma.webhookEvent.findFirst({
      where: { ...unprocessed, failedAt: { not: null } },
      orderBy: { failedAt: "desc" },
      select: { topic: true, error: true },
    }),
    prisma.webhookEvent.findFirst({
      where: { ...unprocessed, failedAt: { not: null } },
      orderBy: { receivedAt: "asc" },
      select: { receivedAt: true },
    }),
    prisma.webhookEvent.count({ where: { ...unprocessed, failedAt: null, error: { not: null } } }),
  ]);
  if (failed > 0) {
    return {
      id: "webhooks-failed",
      status: "problem",
      title: "Shopify updates could not be applied",
      detail: `${plural(failed, "Shopify webhook")} failed after every retry, the oldest received ${formatShopTime(oldest!.receivedAt, ctx.shop.timeZone)}. Latest: ${latest!.topic}, "${maskText(latest!.error ?? "no reason recorded")}". Stock, products or orders in Signalboard may be behind Shopify, so alerts can be missing or wrong.`,
      fix: "Contact Signalboard support: an agent can see each failed webhook with its reason and replay it once the cause is fixed.",
    };
  }
  if (retrying > 0) {
    return {
      id: "webhooks-failed",
      status: "warning",
      title: "Shopify updates are being retried",
      detail: `${plural(retrying, "Shopify webhook")} failed a first attempt and ${retrying === 1 ? "is" : "are"} being retried automatically.`,
      fix: "Nothing to do yet: retries continue for several hours, and this turns into a problem only if they all fail.",
    };
  }
  return {
    id: "webhooks-failed",
    status: "ok",
    title: "Shopify updates are applied",
    detail: "Every Shopify webhook received was applied.",
    fix: "Nothing to do.",
  };
}
