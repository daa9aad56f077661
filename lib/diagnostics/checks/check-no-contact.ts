import { prisma } from "@/lib/db/prisma";
import { changedSince } from "@/lib/deliveries/changed-since";
import { NO_CONTACT_REASON } from "@/lib/deliveries/event-types";
import { RECENT_WINDOW_DAYS, type DiagnosticCheck } from "../diagnostic-check";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Troubleshooting: "If the customer has no phone number and no email on their Shopify order, the event is
 * skipped entirely." Counts such skips in the recent window, by event type.
 */
export async function checkNoContact(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const since = new Date(ctx.now.getTime() - RECENT_WINDOW_DAYS * 86_400_000);
  const where = {
    shopId: ctx.shopId,
    status: "SKIPPED" as const,
    skipReason: NO_CONTACT_REASON,
    ...changedSince("createdAt", since),
  };
  const [groups, latest] = await Promise.all([
    prisma.delivery.groupBy({ by: ["eventType"], where, _count: { _all: true } }),
    prisma.delivery.findFirst({ where, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  const total = groups.reduce((sum, g) => sum + g._count._all, 0);
  if (total === 0) {
    return {
      id: "no-contact",
      status: "ok",
      title: "Customers have a phone or email",
      detail: `No event was skipped for a customer without phone and email in the last ${RECENT_WINDOW_DAYS} days.`,
      fix: "Nothing to do.",
    };
  }
  const byType = groups.map((g) => `${g.eventType} ${g._count._all}`).join(", ");
  return {
    id: "no-contact",
    status: "warning",
    title: "Customers with no phone and no email",
    detail: `${plural(total, "event")} ${total === 1 ? "was" : "were"} skipped in the last ${RECENT_WINDOW_DAYS} days because the customer had neither a phone number nor an email (${byType}; latest ${formatShopTime(latest!.createdAt, ctx.shop.timeZone)}). Postscript cannot match such a customer, so nothing was sent.`,
    fix: "Ask for a phone number or email at checkout (Shopify → Settings → Checkout → Customer contact method). Events for these customers cannot be sent afterwards.",
    fixHref: `${ctx.base}/activity?status=SKIPPED`,
  };
}
