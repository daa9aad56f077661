import { prisma } from "@/lib/db/prisma";
import { RECENT_WINDOW_DAYS, type DiagnosticCheck } from "../diagnostic-check";
import { formatShopTime } from "@/lib/format/format-shop-time";
import type { DiagnosticsContext } from "../load-diagnostics-context";
import { plural } from "../plural";

/**
 * Events the engine gave up on (after every retry, or refused outright) in the recent window: the customer was not
 * texted and nothing will resend them on its own. Failures after repeated 429s belong to "rate limit exceeded",
 * which names their cause; every other failure is reported here with the provider's latest answer.
 */
export async function checkDeliveriesFailed(ctx: DiagnosticsContext): Promise<DiagnosticCheck> {
  const since = new Date(ctx.now.getTime() - RECENT_WINDOW_DAYS * 86_400_000);
  const where = {
    shopId: ctx.shopId,
    status: "FAILED" as const,
    updatedAt: { gte: since },
    NOT: { responseStatus: 429 },
  };
  const [count, first, latest] = await Promise.all([
    prisma.delivery.count({ where }),
    prisma.delivery.findFirst({ where, orderBy: { updatedAt: "asc" }, select: { updatedAt: true } }),
    prisma.delivery.findFirst({
      where,
      orderBy: { updatedAt: "desc" },
      select: { updatedAt: true, error: true, eventType: true, attempts: true },
    }),
  ]);
  if (count === 0 || !first || !latest) {
    return {
      id: "deliveries-failed",
      status: "ok",
      title: "No failed events",
      detail: `No event failed in the last ${RECENT_WINDOW_DAYS} days.`,
      fix: "Nothing to do.",
    };
  }
  const when =
    count === 1
      ? `on ${formatShopTime(latest.updatedAt, ctx.shop.timeZone)}`
      : `since ${formatShopTime(first.updatedAt, ctx.shop.timeZone)}`;
  return {
    id: "deliveries-failed",
    status: "problem",
    title: `${plural(count, "event")} failed`,
    detail: `${plural(count, "event")} failed ${when}, so ${count === 1 ? "that customer was" : "those customers were"} not texted. The latest (${latest.eventType}, ${plural(latest.attempts, "attempt")}): ${latest.error ?? "no answer was recorded"}. Failed events are not resent on their own.`,
    fix: "Fix what the answer names (the key, the flow or the customer's number), then ask Signalboard support to replay the failed events.",
    fixHref: `${ctx.base}/activity?status=FAILED`,
  };
}
